package donna.app.settings;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.app.desktop.LoginItem;
import donna.core.voice.live.VoiceEngine;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Settings pane. The key field is write-only: a stored key is never shown back, only that one exists; leaving
 * the field empty keeps it. The theme, the push-to-talk hotkey ({@link HotkeyFieldViewModel}) and the two desktop
 * choices (start at login, keep running in the tray) apply (and are saved) at once; the rest on Save. Start at login
 * lives in the OS (autostart file, Run key, LaunchAgent), not in the settings file: the OS's state is the truth, read
 * once at start.
 */
public final class SettingsViewModel {
    private final SettingsStore store;
    private final SecretStore keyStore;
    private final TaskExecutor tasks;
    private final Optional<LoginItem> loginItem;

    private final StringProperty openAiKey = new SimpleStringProperty("");
    private final StringProperty chatModel = new SimpleStringProperty();
    private final StringProperty realtimeModel = new SimpleStringProperty();
    private final StringProperty backendUrl = new SimpleStringProperty();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final ObjectProperty<VoiceEngine> voiceEngine = new SimpleObjectProperty<>(VoiceEngine.REALTIME);
    private final BooleanProperty keepRunningInTray = new SimpleBooleanProperty();
    private final BooleanProperty followUpWindow = new SimpleBooleanProperty();
    private final BooleanProperty startAtLogin = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper startAtLoginHint = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper keyStored = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper keyLocation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final HotkeyFieldViewModel hotkey;
    private Settings saved;
    private boolean showingLoginState;

    /**
     * @param initial   the settings read at start-up; {@code keyInitiallyStored} likewise
     * @param loginItem      how this OS starts DONNA at login; empty when it cannot (a run from a build)
     * @param hotkeyOverride the value of {@value HotkeyFieldViewModel#OVERRIDE_VARIABLE}, if set
     */
    public SettingsViewModel(SettingsStore store, SecretStore keyStore, TaskExecutor tasks, Settings initial,
                             boolean keyInitiallyStored, Optional<LoginItem> loginItem,
                             Optional<String> hotkeyOverride) {
        this.store = store;
        this.keyStore = keyStore;
        this.tasks = tasks;
        this.loginItem = loginItem;
        show(initial);
        hotkey = new HotkeyFieldViewModel(initial.pushToTalkHotkey(), hotkeyOverride,
                combo -> saveNow(saved.withPushToTalkHotkey(combo), "the hotkey"));
        keyStored.set(keyInitiallyStored);
        keyLocation.set(keyStore.description());
        theme.addListener((obs, old, now) -> {
            if (now != null && saved != null && now != saved.theme()) {
                saveNow(saved.withTheme(now), "the theme");
            }
        });
        voiceEngine.addListener((obs, old, now) -> {
            if (now != null && saved != null && now != saved.voiceEngine()) {
                saveNow(saved.withVoiceEngine(now), "the voice engine");
            }
        });
        followUpWindow.addListener((obs, old, now) -> {
            if (saved != null && now != saved.followUpWindow()) {
                saveNow(saved.withFollowUpWindow(now), "the follow-up window");
            }
        });
        keepRunningInTray.addListener((obs, old, now) -> {
            if (saved != null && now != saved.keepRunningInTray()) {
                saveNow(saved.withKeepRunningInTray(now), "the tray choice");
            }
        });
        startAtLoginHint.set(loginItem.map(item -> "Adds " + item.location() + ".")
                .orElse("Available in the installed DONNA, not when it runs from a build."));
        loginItem.ifPresent(item -> tasks.submit(item::enabled, this::showLoginState,
                failure -> error.set("Could not read whether DONNA starts at login. " + ErrorText.of(failure))));
        startAtLogin.addListener((obs, old, now) -> {
            if (!showingLoginState) {
                changeLoginItem(now);
            }
        });
    }

    public StringProperty openAiKeyProperty() {
        return openAiKey;
    }

    public StringProperty chatModelProperty() {
        return chatModel;
    }

    public StringProperty realtimeModelProperty() {
        return realtimeModel;
    }

    public StringProperty backendUrlProperty() {
        return backendUrl;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Realtime (the default) or GPT-Live; saved at once, used from the next voice connection. */
    public ObjectProperty<VoiceEngine> voiceEngineProperty() {
        return voiceEngine;
    }

    /** After DONNA's spoken question, listen a few seconds without the key; off by default, saved at once. */
    public BooleanProperty followUpWindowProperty() {
        return followUpWindow;
    }

    public BooleanProperty keepRunningInTrayProperty() {
        return keepRunningInTray;
    }

    public BooleanProperty startAtLoginProperty() {
        return startAtLogin;
    }

    public boolean startAtLoginAvailable() {
        return loginItem.isPresent();
    }

    public ReadOnlyStringProperty startAtLoginHintProperty() {
        return startAtLoginHint.getReadOnlyProperty();
    }

    /** The push-to-talk hotkey field. */
    public HotkeyFieldViewModel hotkey() {
        return hotkey;
    }

    public ReadOnlyBooleanProperty keyStoredProperty() {
        return keyStored.getReadOnlyProperty();
    }

    /** Where the key is kept, or, when the environment supplies one, that it wins over a key saved here. */
    public ReadOnlyStringProperty keyLocationProperty() {
        return keyLocation.getReadOnlyProperty();
    }

    /**
     * The OpenAI key in use comes from {@code variable} in the environment, which wins over a key saved here: say so
     * beside the field, or a person would save a key and wonder why it is not used.
     */
    public void keyFromEnvironment(String variable) {
        keyLocation.set(variable + " is set in the environment, and DONNA uses that key. A key saved here is used "
                + "when it is not set. " + keyStore.description());
    }

    /** What the last save did, for a person to read. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    // ---- Commands

    public void save() {
        Optional<String> invalid = validate();
        if (invalid.isPresent()) {
            error.set(invalid.get());
            message.set(null);
            return;
        }
        error.set(null);
        Settings next = new Settings(chatModel.get(), realtimeModel.get(), backendUrl.get(), theme.get(),
                keepRunningInTray.get(), saved.pushToTalkHotkey(), saved.voiceEngine(),
                saved.followUpWindow());
        String key = openAiKey.get() == null ? "" : openAiKey.get().strip();
        tasks.submit(() -> {
            store.save(next);
            if (!key.isEmpty()) {
                keyStore.put(key);
            }
            return next;
        }, ok -> {
            saved = ok;
            show(ok);
            if (!key.isEmpty()) {
                openAiKey.set("");
                keyStored.set(true);
            }
            message.set("Saved. Model and service changes apply the next time DONNA starts.");
        }, failure -> error.set("Could not save. " + ErrorText.of(failure)));
    }

    public void removeKey() {
        tasks.submit(() -> {
            keyStore.delete();
            return true;
        }, ok -> {
            keyStored.set(false);
            openAiKey.set("");
            message.set("The OpenAI key was removed. Replies are simulated from the next start.");
        }, failure -> error.set("Could not remove the key. " + ErrorText.of(failure)));
    }

    // ---- Internals

    private void show(Settings s) {
        saved = s;
        chatModel.set(s.chatModel());
        realtimeModel.set(s.realtimeModel());
        backendUrl.set(s.backendUrl());
        theme.set(s.theme());
        keepRunningInTray.set(s.keepRunningInTray());
        voiceEngine.set(s.voiceEngine());
        followUpWindow.set(s.followUpWindow());
    }

    private void saveNow(Settings next, String what) {
        saved = next;
        tasks.submit(() -> {
            store.save(next);
            return next;
        }, ok -> { }, failure -> error.set("Could not save " + what + ". " + ErrorText.of(failure)));
    }

    private void showLoginState(boolean enabled) {
        showingLoginState = true;
        startAtLogin.set(enabled);
        showingLoginState = false;
    }

    private void changeLoginItem(boolean enable) {
        if (loginItem.isEmpty()) {
            showLoginState(false);
            return;
        }
        LoginItem item = loginItem.get();
        tasks.submit(() -> {
            if (enable) {
                item.enable();
            } else {
                item.disable();
            }
            return enable;
        }, ok -> {
            error.set(null);
            message.set(enable ? "DONNA will start when you log in." : "DONNA will not start at login any more.");
        }, failure -> {
            showLoginState(!enable);
            error.set("Could not change starting at login. " + ErrorText.of(failure));
        });
    }

    private Optional<String> validate() {
        String key = openAiKey.get() == null ? "" : openAiKey.get().strip();
        if (!key.isEmpty() && (key.length() < 20 || key.chars().anyMatch(Character::isWhitespace))) {
            return Optional.of("That does not look like an OpenAI key (they start with sk- and have no spaces).");
        }
        if (isBlank(chatModel.get()) || isBlank(realtimeModel.get())) {
            return Optional.of("Model names cannot be empty.");
        }
        String url = backendUrl.get() == null ? "" : backendUrl.get().strip();
        if (!url.isEmpty()) {
            try {
                URI uri = new URI(url);
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                    return Optional.of("The service URL must start with https:// (or http://) and name a host.");
                }
            } catch (URISyntaxException e) {
                return Optional.of("The service URL is not a valid URL.");
            }
        }
        return Optional.empty();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
