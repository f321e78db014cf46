package donna.app.integrations;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.webhooks.Webhooks;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * Settings > Integrations: the person's webhooks (where DONNA tells other tools what happened: a CRM of a new lead,
 * a sheet of a campaign), each with how its sending goes; adding one shows its signing secret once; a test sends
 * one now. Read again each time Settings is shown (deliveries move on their own).
 */
public final class IntegrationsViewModel {
    private final IntegrationsService service;
    private final TaskExecutor tasks;
    private final ObservableList<WebhookRow> rows = FXCollections.observableArrayList();
    private final ObservableList<WebhookRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> eventTypes = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyEventTypes = FXCollections.unmodifiableObservableList(eventTypes);
    private final ObservableSet<String> chosen = FXCollections.observableSet(new LinkedHashSet<>());
    private final StringProperty url = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper secret = new ReadOnlyStringWrapper();
    private final BooleanBinding canAdd;
    private long generation;

    public IntegrationsViewModel(IntegrationsService service, TaskExecutor tasks) {
        this.service = service;
        this.tasks = tasks;
        canAdd = Bindings.createBooleanBinding(() -> !busy.get() && !chosen.isEmpty() && looksLikeUrl(url.get()),
                busy, chosen, url);
    }

    public ObservableList<WebhookRow> rows() {
        return readOnlyRows;
    }

    /** The events a webhook can ask for (the service's list). */
    public ObservableList<String> eventTypes() {
        return readOnlyEventTypes;
    }

    /** The events the new webhook will hear. */
    public ObservableSet<String> chosenEvents() {
        return chosen;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public BooleanBinding canAddProperty() {
        return canAdd;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What just happened ("Test delivery queued..."), cleared by the next action. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The new webhook's signing secret, shown until the person says they copied it; null otherwise. */
    public ReadOnlyStringProperty secretProperty() {
        return secret.getReadOnlyProperty();
    }

    public void refresh() {
        long gen = ++generation;
        busy.set(true);
        tasks.submit(service::list, (Webhooks list) -> {
            if (gen != generation) {
                return;
            }
            busy.set(false);
            error.set(null);
            rows.setAll(list.webhooks().stream().map(WebhookRow::new).toList());
            eventTypes.setAll(list.eventTypes());
        }, failure -> {
            if (gen == generation) {
                busy.set(false);
                error.set("Could not load your webhooks. " + ErrorText.of(failure));
            }
        });
    }

    /** Adds a webhook for the URL and the chosen events; its secret is shown once. */
    public void add() {
        if (!canAdd.get()) {
            return;
        }
        String target = url.get().strip();
        List<String> events = List.copyOf(chosen);
        start();
        tasks.submit(() -> service.create(target, events), (Webhooks.Created created) -> {
            busy.set(false);
            secret.set(created.secret());
            url.set("");
            chosen.clear();
            notice.set("Added. Copy the signing secret into the receiving tool now: DONNA shows it only once.");
            refresh();
        }, failure -> {
            busy.set(false);
            // The service names why an address is refused (a private address, plain http): say it as it is.
            error.set("Could not add the webhook. " + ErrorText.of(failure));
        });
    }

    /** The person copied the secret (or chose not to): it is gone from the screen for good. */
    public void secretCopied() {
        secret.set(null);
        notice.set(null);
    }

    public void delete(WebhookRow row) {
        start();
        tasks.submit(() -> {
            service.delete(row.id());
            return row;
        }, deleted -> {
            busy.set(false);
            rows.remove(deleted);
            notice.set("Deleted the webhook to " + host(deleted.url()) + ".");
        }, failure -> {
            busy.set(false);
            error.set("Could not delete the webhook. " + ErrorText.of(failure));
        });
    }

    /** Queues a test delivery; the row's last delivery shows how it went after the next refresh. */
    public void test(WebhookRow row) {
        start();
        tasks.submit(() -> {
            service.test(row.id());
            return row;
        }, tested -> {
            busy.set(false);
            notice.set("Test delivery queued for " + host(tested.url()) + "; its result shows here in a moment.");
            refresh();
        }, failure -> {
            busy.set(false);
            error.set("Could not send a test. " + ErrorText.of(failure));
        });
    }

    private void start() {
        busy.set(true);
        error.set(null);
        notice.set(null);
    }

    /** A plausible http(s) URL; the service has the last word (https, public addresses: docs/security.md). */
    static boolean looksLikeUrl(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
