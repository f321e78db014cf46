package donna.app.insights;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.insights.Conversation;
import donna.core.insights.Failure;
import donna.core.insights.HealthBreakdown;
import donna.core.insights.Message;
import donna.core.insights.MessagePage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One conversation opened: its messages (tool steps among them, in order), how its score came about, and its
 * failures, each to acknowledge or resolve. A failure's status on screen is the one the service stored.
 */
public final class ConversationDetailViewModel {
    /** Messages read for one drill-down at most (the service keeps the newest 5,000 scored). */
    static final int MAX_MESSAGES = 2_000;
    private static final int MESSAGE_PAGE = 500;

    private final InsightsService service;
    private final TaskExecutor tasks;
    private final ReadOnlyObjectWrapper<Conversation> conversation = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Message> messages = FXCollections.observableArrayList();
    private final ObservableList<Failure> failures = FXCollections.observableArrayList();
    private final ObservableList<String> breakdown = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper();
    private String openId;
    private long generation;

    public ConversationDetailViewModel(InsightsService service, TaskExecutor tasks) {
        this.service = service;
        this.tasks = tasks;
    }

    /** Null until one is opened (and while another loads). */
    public ReadOnlyObjectProperty<Conversation> conversationProperty() {
        return conversation.getReadOnlyProperty();
    }

    public ObservableList<Message> messages() {
        return messages;
    }

    public ObservableList<Failure> failures() {
        return failures;
    }

    /** "Tool failure: -12", "Mood: -3", then the signals: one line each. */
    public ObservableList<String> breakdown() {
        return breakdown;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A short note about what is shown (messages cut at the limit), or null. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    private record Loaded(Conversation conversation, List<Message> messages, boolean cut, List<Failure> failures) {}

    public void open(String conversationId) {
        openId = conversationId;
        long gen = ++generation;
        loading.set(true);
        error.set(null);
        conversation.set(null);
        messages.clear();
        failures.clear();
        breakdown.clear();
        tasks.submit(() -> load(conversationId), loaded -> {
            if (gen != generation) {
                return;
            }
            loading.set(false);
            conversation.set(loaded.conversation());
            messages.setAll(loaded.messages());
            failures.setAll(loaded.failures());
            breakdown.setAll(lines(loaded.conversation()));
            note.set(loaded.cut() ? "Showing the first " + MAX_MESSAGES + " messages." : null);
        }, failure -> {
            if (gen == generation) {
                loading.set(false);
                error.set("Could not open the conversation. " + ErrorText.of(failure));
            }
        });
    }

    /** Opens the same conversation again (Retry, or after scoring). */
    public void reload() {
        if (openId != null) {
            open(openId);
        }
    }

    public void acknowledge(Failure failure) {
        setStatus(failure, Failure.ACK);
    }

    public void resolve(Failure failure) {
        setStatus(failure, Failure.RESOLVED);
    }

    private void setStatus(Failure failure, String status) {
        if (failure == null || status.equals(failure.status())) {
            return;
        }
        error.set(null);
        tasks.submit(() -> service.setFailureStatus(failure.id(), status), stored -> {
            for (int i = 0; i < failures.size(); i++) {
                if (failures.get(i).id().equals(stored.id())) {
                    failures.set(i, stored);
                }
            }
        }, f -> error.set("Could not mark the failure " + (status.equals(Failure.ACK) ? "acknowledged" : "resolved")
                + ". " + ErrorText.of(f)));
    }

    private Loaded load(String id) {
        Conversation c = service.conversation(id);
        List<Message> all = new ArrayList<>();
        Long after = null;
        boolean cut = false;
        while (true) {
            MessagePage page = service.messages(id, after, MESSAGE_PAGE);
            all.addAll(page.messages());
            if (page.nextAfter() == null || page.messages().isEmpty()) {
                break;
            }
            if (all.size() >= MAX_MESSAGES) {
                cut = true;
                break;
            }
            after = page.nextAfter();
        }
        return new Loaded(c, all.size() > MAX_MESSAGES ? all.subList(0, MAX_MESSAGES) : all, cut,
                service.failures(id));
    }

    static List<String> lines(Conversation c) {
        List<String> out = new ArrayList<>();
        if (c.healthScore() == null) {
            out.add("Not scored yet: scoring runs within seconds of new messages.");
            return out;
        }
        HealthBreakdown b = c.breakdown();
        if (b == null) {
            out.add("Health " + c.healthScore());
            return out;
        }
        out.add("Start: " + b.base());
        b.penalties().forEach((kind, penalty) -> out.add(InsightsText.kind(kind) + ": \u2212" + penalty));
        if (b.sentimentPenalty() > 0) {
            out.add("Negative mood: \u2212" + b.sentimentPenalty());
        }
        out.add("Health: " + c.healthScore() + (b.ended() ? " (ended)" : " (still open)"));
        for (Map.Entry<String, String> s : b.signals().entrySet()) {
            out.add(InsightsText.kind(s.getKey()) + ": " + s.getValue());
        }
        return out;
    }
}
