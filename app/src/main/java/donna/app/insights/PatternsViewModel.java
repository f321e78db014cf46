package donna.app.insights;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.api.ServiceException;
import donna.core.insights.Conversation;
import donna.core.insights.Patterns;
import donna.core.insights.UsagePattern;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Overview's patterns: what the service's weekly pattern-analyze found, recurring topics (with groups of similar
 * conversations when the service has embeddings) and failure clusters. Selecting one lists its newest conversations,
 * each of which opens on the Conversations tab. "Analyse now" asks the service to look again at once.
 */
public final class PatternsViewModel {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private final InsightsService service;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final ObservableList<UsagePattern> topics = FXCollections.observableArrayList();
    private final ObservableList<UsagePattern> failureClusters = FXCollections.observableArrayList();
    private final ObjectProperty<UsagePattern> selected = new SimpleObjectProperty<>();
    private final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private long generation;

    public PatternsViewModel(InsightsService service, TaskExecutor tasks, Clock clock) {
        this.service = service;
        this.tasks = tasks;
        this.clock = clock;
        selected.addListener((o, was, now) -> conversations.setAll(now == null ? List.of() : now.conversations()));
    }

    /** Recurring topics, most conversations first, then groups of similar conversations. */
    public ObservableList<UsagePattern> topics() {
        return topics;
    }

    /** Conversations sharing a failure kind and a topic, largest first. */
    public ObservableList<UsagePattern> failureClusters() {
        return failureClusters;
    }

    /** The pattern whose conversations are listed; null for none. */
    public ObjectProperty<UsagePattern> selectedProperty() {
        return selected;
    }

    /** The selected pattern's newest conversations. */
    public ObservableList<Conversation> conversations() {
        return conversations;
    }

    /** When the patterns were found and over what, or that they were not yet. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What failed; null when the last read worked. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Reads what the last analysis found. */
    public void refresh() {
        load(service::patterns, "Could not load the patterns. ");
    }

    /** Asks the service to analyse the conversations now. */
    public void analyzeNow() {
        load(service::analyzePatterns, "Could not analyse the conversations. ");
    }

    private void load(Callable<Patterns> call, String failedText) {
        long gen = ++generation;
        busy.set(true);
        tasks.submit(call, patterns -> {
            if (gen == generation) {
                busy.set(false);
                error.set(null);
                show(patterns);
            }
        }, failure -> {
            if (gen != generation) {
                return;
            }
            busy.set(false);
            if (failure instanceof ServiceException se && se.error().status() == 404) {
                error.set("Patterns need a newer service.");
            } else {
                error.set(failedText + ErrorText.of(failure));
            }
        });
    }

    private void show(Patterns p) {
        String selectedId = selected.get() == null ? null : selected.get().id();
        List<UsagePattern> t = new ArrayList<>(p.topics());
        t.addAll(p.similar());
        topics.setAll(t);
        failureClusters.setAll(p.failureClusters());
        selected.set(t.stream().filter(x -> x.id().equals(selectedId)).findFirst()
                .or(() -> p.failureClusters().stream().filter(x -> x.id().equals(selectedId)).findFirst())
                .orElse(null));
        if (p.analyzedAt() == null) {
            status.set("Not analysed yet: the weekly analysis has not looked at your conversations. Analyse now "
                    + "to see them.");
        } else if (t.isEmpty() && p.failureClusters().isEmpty()) {
            status.set("Nothing recurs yet in the conversations of the 30 days before "
                    + DAY.format(p.analyzedAt().atZone(clock.getZone())) + ".");
        } else {
            status.set("Found in the 30 days before " + DAY.format(p.analyzedAt().atZone(clock.getZone()))
                    + ": " + count(t.size(), "topic") + ", " + count(p.failureClusters().size(), "failure cluster")
                    + ".");
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** How a pattern reads in a list: "refund · 3 conversations". */
    public static String line(UsagePattern p) {
        String label = UsagePattern.FAILURE_CLUSTER.equals(p.kind()) ? clusterLabel(p)
                : UsagePattern.SIMILAR.equals(p.kind()) ? "Similar: " + p.label() : p.label();
        return label + " \u00b7 " + p.conversationCount() + (p.conversationCount() == 1 ? " conversation"
                : " conversations");
    }

    private static String clusterLabel(UsagePattern p) {
        String kinds = String.join(", ", p.failureKinds().stream().map(InsightsText::kind).toList());
        return p.terms().isEmpty() ? kinds : kinds + " about \u201c" + p.terms().getFirst() + "\u201d";
    }
}
