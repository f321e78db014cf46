package donna.app.settings;

import java.util.Objects;

/**
 * What the user set in the Settings pane (the OpenAI key lives apart, in a {@link SecretStore}).
 *
 * @param backendUrl        empty for bundled mode; a URL switches to remote mode at the next start
 * @param keepRunningInTray closing the window hides it to the tray (the hotkey stays alive) instead of quitting
 */
public record Settings(String chatModel, String realtimeModel, String backendUrl, Theme theme,
                       boolean keepRunningInTray) {
    public static final String DEFAULT_CHAT_MODEL = "gpt-4.1-mini";
    public static final String DEFAULT_REALTIME_MODEL = "gpt-realtime";

    public Settings {
        chatModel = blankTo(chatModel, DEFAULT_CHAT_MODEL);
        realtimeModel = blankTo(realtimeModel, DEFAULT_REALTIME_MODEL);
        backendUrl = Objects.requireNonNullElse(backendUrl, "").strip();
        theme = Objects.requireNonNullElse(theme, Theme.LIGHT);
    }

    public static Settings defaults() {
        return new Settings(null, null, null, null, false);
    }

    public Settings withTheme(Theme newTheme) {
        return new Settings(chatModel, realtimeModel, backendUrl, newTheme, keepRunningInTray);
    }

    public Settings withKeepRunningInTray(boolean keep) {
        return new Settings(chatModel, realtimeModel, backendUrl, theme, keep);
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
