package donna.app.insights;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.api.ServiceException;
import donna.core.insights.AlertSettings;
import donna.core.insights.ApiKey;
import donna.core.insights.Failure;
import donna.core.insights.InsightsClient;
import donna.core.insights.NewApiKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Insights settings within the pane: when to alert (health below a threshold, chosen failure kinds), the Slack
 * webhook with a test alert, and the API keys outside apps send with (a new key's secret shown once; revoke).
 * The webhook field starts empty: the service shows only a masked form of the saved URL, and an empty field on Save
 * keeps it.
 */
public final class InsightsSettingsViewModel {
    private final InsightsService service;
    private final TaskExecutor tasks;
    private final StringProperty healthBelow = new SimpleStringProperty("");
    private final Map<String, BooleanProperty> kinds = new LinkedHashMap<>();
    private final StringProperty webhookUrl = new SimpleStringProperty("");
    private final BooleanProperty removeWebhook = new SimpleBooleanProperty();
    private final BooleanProperty llmJudge = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper webhookSaved = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper webhookConfigured = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ObservableList<ApiKey> keys = FXCollections.observableArrayList();
    private final StringProperty newKeyName = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<NewApiKey> created = new ReadOnlyObjectWrapper<>();

    public InsightsSettingsViewModel(InsightsService service, TaskExecutor tasks) {
        this.service = service;
        this.tasks = tasks;
        Failure.KINDS.forEach(k -> kinds.put(k, new SimpleBooleanProperty()));
    }

    /** Alert when a conversation's health is below this (0-100; empty: never). */
    public StringProperty healthBelowProperty() {
        return healthBelow;
    }

    /** Every failure kind, in order, with whether a new one of it alerts. */
    public Map<String, BooleanProperty> kinds() {
        return kinds;
    }

    /** A new webhook URL to save; empty keeps the saved one. */
    public StringProperty webhookUrlProperty() {
        return webhookUrl;
    }

    /** The LLM judge also scores ended conversations (off by default); saved with {@link #save()}. */
    public BooleanProperty llmJudgeProperty() {
        return llmJudge;
    }

    /** Save removes the saved webhook. */
    public BooleanProperty removeWebhookProperty() {
        return removeWebhook;
    }

    /** "Saved: hooks.slack.com/...abcd" or "No webhook saved". */
    public ReadOnlyStringProperty webhookSavedProperty() {
        return webhookSaved.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty webhookConfiguredProperty() {
        return webhookConfigured.getReadOnlyProperty();
    }

    /** What the last action did ("Saved.", "Test alert sent."); null when nothing to say. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<ApiKey> keys() {
        return keys;
    }

    public StringProperty newKeyNameProperty() {
        return newKeyName;
    }

    /** A key just created, to show its secret once; {@link #secretShown} clears it. */
    public ReadOnlyObjectProperty<NewApiKey> createdProperty() {
        return created.getReadOnlyProperty();
    }

    private record Loaded(AlertSettings settings, List<ApiKey> keys) {}

    /** Reads the settings and the keys. */
    public void refresh() {
        busy.set(true);
        tasks.submit(() -> new Loaded(service.settings(), service.apiKeys()), loaded -> {
            busy.set(false);
            error.set(null);
            show(loaded.settings());
            keys.setAll(loaded.keys());
        }, failure -> {
            busy.set(false);
            error.set("Could not load the Insights settings. " + ErrorText.of(failure));
        });
    }

    public void save() {
        Integer below;
        String text = healthBelow.get() == null ? "" : healthBelow.get().strip();
        try {
            below = text.isEmpty() ? null : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            below = -1;
        }
        if (below != null && (below < 0 || below > 100)) {
            error.set("Alert below must be a whole number from 0 to 100, or empty for no health alerts.");
            return;
        }
        String url = removeWebhook.get() ? "" : webhookUrl.get() == null || webhookUrl.get().isBlank() ? null
                : webhookUrl.get().strip();
        if (url != null && !url.isEmpty() && !url.startsWith("https://")) {
            error.set("The Slack webhook URL must start with https://");
            return;
        }
        List<String> chosen = kinds.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey)
                .toList();
        Integer threshold = below;
        boolean judge = llmJudge.get();
        busy.set(true);
        error.set(null);
        status.set(null);
        tasks.submit(() -> {
            AlertSettings saved = service.saveSettings(threshold, chosen, url);
            return saved.llmJudgeEnabled() == judge ? saved : service.setLlmJudge(judge);
        }, saved -> {
            busy.set(false);
            show(saved);
            webhookUrl.set("");
            removeWebhook.set(false);
            status.set("Saved.");
        }, failure -> {
            busy.set(false);
            error.set("Could not save. " + ErrorText.of(failure));
        });
    }

    /** Posts a test alert to the saved webhook. */
    public void sendTestAlert() {
        busy.set(true);
        error.set(null);
        status.set(null);
        tasks.submit(() -> {
            service.sendTestAlert();
            return true;
        }, ok -> {
            busy.set(false);
            status.set("Test alert sent: check the Slack channel.");
        }, failure -> {
            busy.set(false);
            if (failure instanceof ServiceException se && InsightsClient.NO_TEST_ALERT.equals(se.error().code())) {
                error.set("Test alerts need a newer service.");
            } else {
                error.set("The test alert was not sent. " + ErrorText.of(failure));
            }
        });
    }

    /** Creates a key named as typed; its secret comes back in {@link #createdProperty()}. */
    public void createKey() {
        String name = newKeyName.get() == null ? "" : newKeyName.get().strip();
        if (name.isEmpty() || name.length() > 100) {
            error.set("Name the key (1 to 100 characters), e.g. the app that will send with it.");
            return;
        }
        busy.set(true);
        error.set(null);
        status.set(null);
        tasks.submit(() -> service.createApiKey(name), key -> {
            busy.set(false);
            keys.addFirst(key.key());
            newKeyName.set("");
            created.set(key);
        }, failure -> {
            busy.set(false);
            error.set("Could not create the key. " + ErrorText.of(failure));
        });
    }

    /** The secret was shown (the dialog closed): it is not kept. */
    public void secretShown() {
        created.set(null);
    }

    /** Revokes the key at once (the view asks first). */
    public void revoke(ApiKey key) {
        if (key == null) {
            return;
        }
        busy.set(true);
        error.set(null);
        status.set(null);
        tasks.submit(() -> {
            service.revokeApiKey(key.id());
            return key;
        }, revoked -> {
            busy.set(false);
            keys.removeIf(k -> k.id().equals(revoked.id()));
            status.set("Key \u201c" + revoked.name() + "\u201d revoked: apps sending with it are refused now.");
        }, failure -> {
            busy.set(false);
            error.set("Could not revoke the key. " + ErrorText.of(failure));
        });
    }

    private void show(AlertSettings s) {
        healthBelow.set(s.alertHealthBelow() == null ? "" : s.alertHealthBelow().toString());
        kinds.forEach((kind, on) -> on.set(s.alertOnFailureKinds().contains(kind)));
        webhookConfigured.set(s.slackWebhookConfigured());
        llmJudge.set(s.llmJudgeEnabled());
        webhookSaved.set(s.slackWebhookConfigured() ? "Saved: " + s.slackWebhookMasked() : "No webhook saved.");
    }
}
