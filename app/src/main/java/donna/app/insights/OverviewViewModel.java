package donna.app.insights;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.api.ServiceException;
import donna.core.insights.Conversation;
import donna.core.insights.ConversationFilter;
import donna.core.insights.FailureCount;
import donna.core.insights.Summary;
import donna.core.insights.TrendPoint;
import donna.core.insights.Trends;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Insights overview for a period and source: four tiles, the health trend by day, failures by kind, and the
 * worst conversations. Each change of period or source reads everything again; a read that a newer one overtook is
 * dropped.
 */
public final class OverviewViewModel {
    /** How many of the period's newest conversations the "worst" list is picked from (one page of the list). */
    static final int WORST_FROM = 200;
    static final int WORST_SHOWN = 5;
    /** Re-reads (one every few seconds) while freshly added samples are being scored. */
    static final int SCORING_POLLS = 10;

    private final InsightsService service;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final ObjectProperty<Period> period = new SimpleObjectProperty<>(Period.WEEK);
    private final ObjectProperty<SourceChoice> source = new SimpleObjectProperty<>(SourceChoice.ALL);
    private final ReadOnlyStringWrapper conversations = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper averageHealth = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper openFailures = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shareWithFailures = new ReadOnlyStringWrapper("");
    private final ObservableList<TrendPoint> health = FXCollections.observableArrayList();
    private final ObservableList<FailureCount> failuresByKind = FXCollections.observableArrayList();
    private final ObservableList<Conversation> worst = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper empty = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper samples = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper canAddSamples = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper samplesNote = new ReadOnlyStringWrapper();
    private final PatternsViewModel patterns;
    private final Executor later;
    private long generation;
    private int scoringPolls;

    public OverviewViewModel(InsightsService service, TaskExecutor tasks, Clock clock) {
        this(service, tasks, clock, r -> { });
    }

    /**
     * @param later runs a read again a few seconds later while added samples are being scored (the app: a delayed
     *              executor onto the UI thread; tests: one they run by hand)
     */
    public OverviewViewModel(InsightsService service, TaskExecutor tasks, Clock clock, Executor later) {
        this.service = service;
        this.tasks = tasks;
        this.clock = clock;
        this.later = later;
        this.patterns = new PatternsViewModel(service, tasks, clock);
        period.addListener((o, was, now) -> refresh());
        source.addListener((o, was, now) -> refresh());
    }

    /** Recurring topics and failure clusters (the service's weekly analysis; not tied to period or source). */
    public PatternsViewModel patterns() {
        return patterns;
    }

    public ObjectProperty<Period> periodProperty() {
        return period;
    }

    public ObjectProperty<SourceChoice> sourceProperty() {
        return source;
    }

    public ReadOnlyStringProperty conversationsProperty() {
        return conversations.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty averageHealthProperty() {
        return averageHealth.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty openFailuresProperty() {
        return openFailures.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty shareWithFailuresProperty() {
        return shareWithFailures.getReadOnlyProperty();
    }

    /** Average health per day that had scored conversations, oldest first. */
    public ObservableList<TrendPoint> health() {
        return health;
    }

    /** Failures of the period per kind ({@code start} is the period's start), most first. */
    public ObservableList<FailureCount> failuresByKind() {
        return failuresByKind;
    }

    /** The period's lowest scores (scored ones only), worst first. */
    public ObservableList<Conversation> worst() {
        return worst;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** What failed, with Retry beside it; null when the last read worked. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What to do when there is nothing to show; null when there is. */
    public ReadOnlyStringProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    /** How many sample conversations are in the pane (0: none; {@link #addSamples} offers them when it is empty). */
    public ReadOnlyIntegerProperty samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** True when nothing at all is here yet: the pane offers the samples. */
    public ReadOnlyBooleanProperty canAddSamplesProperty() {
        return canAddSamples.getReadOnlyProperty();
    }

    /** Says the samples are here, and while they are scored, how far that is; null without samples. */
    public ReadOnlyStringProperty samplesNoteProperty() {
        return samplesNote.getReadOnlyProperty();
    }

    /** Adds the sample conversations (a made-up help desk's), which the service scores like any others. */
    public void addSamples() {
        canAddSamples.set(false);
        samplesNote.set("Adding sample conversations\u2026");
        tasks.submit(service::addSamples, added -> {
            scoringPolls = SCORING_POLLS;
            refresh();
        }, failure -> {
            samplesNote.set(null);
            error.set("Could not add the sample conversations. " + ErrorText.of(failure));
            refresh();
        });
    }

    /** Removes the sample conversations; the person's own stay. */
    public void removeSamples() {
        tasks.submit(service::removeSamples, removed -> refresh(),
                failure -> error.set("Could not remove the sample conversations. " + ErrorText.of(failure)));
    }

    private record Loaded(Summary summary, Trends trends, List<Conversation> worst, int samples) {}

    public void refresh() {
        long gen = ++generation;
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(period.get().days()));
        ConversationFilter filter = ConversationFilter.all().between(from, to).withSource(source.get().wire());
        loading.set(true);
        tasks.submit(() -> new Loaded(service.summary(filter), service.trends("day", filter),
                service.conversations(filter, WORST_FROM, null).conversations(), sampleCount()), loaded -> {
                    if (gen != generation) {
                        return;
                    }
                    loading.set(false);
                    error.set(null);
                    show(loaded, from);
                }, failure -> {
                    if (gen == generation) {
                        loading.set(false);
                        error.set("Could not load the overview. " + ErrorText.of(failure));
                    }
                });
    }

    /** An older service has no samples: then there are none. */
    private int sampleCount() {
        try {
            return service.sampleCount();
        } catch (ServiceException e) {
            return 0;
        }
    }

    private void showSamples(Summary s, int count) {
        samples.set(count);
        canAddSamples.set(count == 0 && s.conversations() == 0 && source.get() == SourceChoice.ALL);
        boolean scoring = s.scored() < s.conversations();
        if (count == 0) {
            samplesNote.set(null);
        } else if (scoring && scoringPolls > 0) {
            samplesNote.set("Scoring the sample conversations\u2026 " + s.scored() + " of " + s.conversations()
                    + " done.");
        } else {
            samplesNote.set(count + " sample conversations (a made-up bike shop's help desk), scored like real ones.");
        }
        if (scoring && scoringPolls > 0) {
            scoringPolls--;
            later.execute(this::refresh);
        } else {
            scoringPolls = 0;
        }
    }

    private void show(Loaded loaded, Instant from) {
        Summary s = loaded.summary();
        conversations.set(Integer.toString(s.conversations()));
        averageHealth.set(s.averageHealth() == null ? "\u2014" : String.format(Locale.ROOT, "%.0f", s.averageHealth()));
        openFailures.set(Integer.toString(s.openFailures()));
        shareWithFailures.set(String.format(Locale.ROOT, "%.0f %%", s.shareWithFailures() * 100));
        health.setAll(loaded.trends().health().stream().filter(p -> p.averageHealth() != null)
                .sorted(Comparator.comparing(TrendPoint::start)).toList());
        Map<String, Integer> byKind = new TreeMap<>();
        loaded.trends().failures().forEach(f -> byKind.merge(f.kind(), f.count(), Integer::sum));
        failuresByKind.setAll(byKind.entrySet().stream().map(e -> new FailureCount(from, e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(FailureCount::count).reversed()).toList());
        worst.setAll(loaded.worst().stream().filter(c -> c.healthScore() != null)
                .sorted(Comparator.comparingInt(Conversation::healthScore)).limit(WORST_SHOWN).toList());
        showSamples(s, loaded.samples());
        if (s.conversations() > 0) {
            empty.set(null);
        } else if (source.get() == SourceChoice.ALL) {
            empty.set("No conversations yet: chat with DONNA or send one with an API key (Settings tab).");
        } else {
            empty.set("No " + source.get().toString().toLowerCase(Locale.ROOT) + " conversations in the "
                    + period.get().toString().toLowerCase(Locale.ROOT) + ".");
        }
    }
}
