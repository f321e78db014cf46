package donna.app.today;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.leads.Lead;
import donna.core.today.TakenMessage;
import donna.core.today.Today;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Today pane (the front desk): messages DONNA took that wait for the person, oldest first, each marked done
 * with one click, and the leads whose follow-up is due. Read again each time the pane is shown, since DONNA takes
 * messages in voice and chat.
 */
public final class TodayViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    private final TodayService service;
    private final TaskExecutor tasks;
    private final ZoneId zone;
    private final ObservableList<TakenMessage> messages = FXCollections.observableArrayList();
    private final ObservableList<TakenMessage> messagesView = FXCollections.unmodifiableObservableList(messages);
    private final ObservableList<Lead> followUps = FXCollections.observableArrayList();
    private final ObservableList<Lead> followUpsView = FXCollections.unmodifiableObservableList(followUps);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private long generation;

    public TodayViewModel(TodayService service, TaskExecutor tasks, ZoneId zone) {
        this.service = service;
        this.tasks = tasks;
        this.zone = zone;
    }

    public ObservableList<TakenMessage> messages() {
        return messagesView;
    }

    public ObservableList<Lead> followUps() {
        return followUpsView;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True once a load succeeded: the empty lists then mean "nothing", not "not yet". */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void refresh() {
        long gen = ++generation;
        loading.set(true);
        tasks.submit(service::load, (Today today) -> {
            if (gen != generation) {
                return;
            }
            loading.set(false);
            loaded.set(true);
            error.set(null);
            messages.setAll(today.messages());
            followUps.setAll(today.followUps());
        }, failure -> {
            if (gen == generation) {
                loading.set(false);
                error.set("Could not load today. " + ErrorText.of(failure));
            }
        });
    }

    /** The message is dealt with: it leaves the list at once, and comes back if the service refuses. */
    public void done(TakenMessage message) {
        int at = messages.indexOf(message);
        if (at < 0) {
            return;
        }
        messages.remove(at);
        error.set(null);
        tasks.submit(() -> service.markDone(message.id(), true), stored -> { }, failure -> {
            messages.add(Math.min(at, messages.size()), message);
            error.set("Could not mark the message from " + message.callerName() + " done. " + ErrorText.of(failure));
        });
    }

    /** "Bob Hale · +1 555 0100 · taken Mon 7 Dec, 09:30 · call back before 5 pm Friday". */
    public String heading(TakenMessage m) {
        StringBuilder s = new StringBuilder(m.callerName() == null ? "Someone" : m.callerName());
        if (m.contact() != null && !m.contact().isBlank()) {
            s.append(" \u00b7 ").append(m.contact());
        }
        if (m.takenAt() != null) {
            s.append(" \u00b7 taken ").append(WHEN.format(m.takenAt().atZone(zone)));
        }
        if (m.callbackBy() != null && !m.callbackBy().isBlank()) {
            s.append(" \u00b7 call back ").append(m.callbackBy());
        }
        return s.toString();
    }

    /** "Sam Reed (Acme) · sam@acme.example · due Mon 7 Dec". */
    public static String followUp(Lead lead) {
        StringBuilder s = new StringBuilder(lead.name() == null ? "(no name)" : lead.name());
        if (lead.company() != null && !lead.company().isBlank()) {
            s.append(" (").append(lead.company()).append(')');
        }
        if (lead.email() != null) {
            s.append(" \u00b7 ").append(lead.email());
        }
        if (lead.nextFollowUp() != null) {
            s.append(" \u00b7 due ").append(lead.nextFollowUp().format(DateTimeFormatter.ofPattern("EEE d MMM",
                    Locale.ENGLISH)));
        }
        return s.toString();
    }
}
