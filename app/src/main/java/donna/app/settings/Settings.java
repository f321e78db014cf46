package donna.app.settings;

import donna.core.voice.live.VoiceEngine;
import donna.audio.hotkey.HotkeyCombo;
import java.util.Objects;

/**
 * What the user set in the Settings pane (the OpenAI key lives apart, in a {@link SecretStore}).
 *
 * @param backendUrl        empty for bundled mode; a URL switches to remote mode at the next start
 * @param keepRunningInTray closing the window hides it to the tray (the hotkey stays alive) instead of quitting
 * @param pushToTalkHotkey  the global push-to-talk hotkey ({@code DONNA_PTT_HOTKEY}, when set, overrides it)
 * @param voiceEngine       the voice API: Realtime (the default) or GPT-Live (issue 16), used from the next connection
 * @param followUpWindow    after DONNA's spoken question, listen a few seconds without the key (off by default)
 */
public record Settings(String chatModel, String realtimeModel, String backendUrl, Theme theme,
                       boolean keepRunningInTray, HotkeyCombo pushToTalkHotkey, VoiceEngine voiceEngine,
                       boolean followUpWindow) {
    public static final String DEFAULT_CHAT_MODEL = "gpt-4.1-mini";
    public static final String DEFAULT_REALTIME_MODEL = "gpt-realtime";

    public Settings {
        chatModel = blankTo(chatModel, DEFAULT_CHAT_MODEL);
        realtimeModel = blankTo(realtimeModel, DEFAULT_REALTIME_MODEL);
        backendUrl = Objects.requireNonNullElse(backendUrl, "").strip();
        theme = Objects.requireNonNullElse(theme, Theme.LIGHT);
        pushToTalkHotkey = Objects.requireNonNullElse(pushToTalkHotkey, HotkeyCombo.DEFAULT);
        voiceEngine = Objects.requireNonNullElse(voiceEngine, VoiceEngine.REALTIME);
    }

    /** Settings without the follow-up window (its default). */
    public Settings(String chatModel, String realtimeModel, String backendUrl, Theme theme, boolean keepRunningInTray,
            HotkeyCombo pushToTalkHotkey, VoiceEngine voiceEngine) {
        this(chatModel, realtimeModel, backendUrl, theme, keepRunningInTray, pushToTalkHotkey, voiceEngine, false);
    }

    /** Settings with the default voice engine (Realtime). */
    public Settings(String chatModel, String realtimeModel, String backendUrl, Theme theme, boolean keepRunningInTray,
            HotkeyCombo pushToTalkHotkey) {
        this(chatModel, realtimeModel, backendUrl, theme, keepRunningInTray, pushToTalkHotkey, VoiceEngine.REALTIME);
    }

    public static Settings defaults() {
        return new Settings(null, null, null, null, false, null);
    }

    public Settings withTheme(Theme newTheme) {
        return new Settings(chatModel, realtimeModel, backendUrl, newTheme, keepRunningInTray, pushToTalkHotkey,
                voiceEngine, followUpWindow);
    }

    public Settings withKeepRunningInTray(boolean keep) {
        return new Settings(chatModel, realtimeModel, backendUrl, theme, keep, pushToTalkHotkey, voiceEngine,
                followUpWindow);
    }

    public Settings withPushToTalkHotkey(HotkeyCombo hotkey) {
        return new Settings(chatModel, realtimeModel, backendUrl, theme, keepRunningInTray, hotkey, voiceEngine,
                followUpWindow);
    }

    public Settings withVoiceEngine(VoiceEngine engine) {
        return new Settings(chatModel, realtimeModel, backendUrl, theme, keepRunningInTray, pushToTalkHotkey, engine,
                followUpWindow);
    }

    public Settings withFollowUpWindow(boolean on) {
        return new Settings(chatModel, realtimeModel, backendUrl, theme, keepRunningInTray, pushToTalkHotkey,
                voiceEngine, on);
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
