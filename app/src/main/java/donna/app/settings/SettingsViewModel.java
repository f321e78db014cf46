package donna.app.settings;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Settings pane. The key field is write-only: a stored key is never shown back, only that one exists; leaving
 * the field empty keeps it. The theme applies (and is saved) at once; the rest on Save.
 */
public final class SettingsViewModel {
    private final SettingsStore store;
    private final SecretStore keyStore;
    private final TaskExecutor tasks;

    private final StringProperty openAiKey = new SimpleStringProperty("");
    private final StringProperty chatModel = new SimpleStringProperty();
    private final StringProperty realtimeModel = new SimpleStringProperty();
    private final StringProperty backendUrl = new SimpleStringProperty();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper keyStored = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper keyLocation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private Settings saved;

    /** @param initial the settings read at start-up; {@code keyInitiallyStored} likewise */
    public SettingsViewModel(SettingsStore store, SecretStore keyStore, TaskExecutor tasks, Settings initial,
                             boolean keyInitiallyStored) {
        this.store = store;
        this.keyStore = keyStore;
        this.tasks = tasks;
        show(initial);
        keyStored.set(keyInitiallyStored);
        keyLocation.set(keyStore.description());
        theme.addListener((obs, old, now) -> {
            if (now != null && saved != null && now != saved.theme()) {
                Settings next = saved.withTheme(now);
                saved = next;
                tasks.submit(() -> {
                    store.save(next);
                    return next;
                }, ok -> { }, failure -> error.set("Could not save the theme. " + ErrorText.of(failure)));
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

    public ReadOnlyBooleanProperty keyStoredProperty() {
        return keyStored.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty keyLocationProperty() {
        return keyLocation.getReadOnlyProperty();
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
        Settings next = new Settings(chatModel.get(), realtimeModel.get(), backendUrl.get(), theme.get());
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
