package donna.backend.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.chat.ChatMirror;
import donna.backend.http.RouteGroup;
import donna.backend.outbound.OutboundAddressPolicy;
import donna.backend.ratelimit.RateLimiter;
import donna.backend.webhooks.WebhookEvents;
import java.time.Clock;
import donna.backend.openai.EmbeddingsClient;
import donna.backend.openai.ResponsesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Insights (issue 13), assembled: API keys, ingestion, the scoring pipeline on PostgreSQL, the reads. The service
 * mounts {@link #routes()}, hands {@link #chatMirror()} to its chat, and closes this on stop.
 */
public final class Insights implements AutoCloseable {
    /** Authenticated by its route with an API key, not by the Clerk gate (the API server skips the gate here). */
    public static final String TRACK_PATH = TrackRoutes.PATH;

    /**
     * @param idle       a conversation with no message for this long has ended
     * @param poll       how often this instance looks for due jobs besides being woken by its own ingestion
     * @param lease      how long a claimed job is this worker's before another may take it (a crashed worker's)
     * @param background run a background worker; off, jobs run only through {@link #runDueJobs()} (tests)
     * @param threads    the background worker's threads: a shared deployment's jobs mostly wait on the database,
     *                   so a few threads score several conversations at once; one is plenty for a single person
     */
    public record Options(Duration idle, Duration poll, Duration lease, boolean background, int threads) {
        public static final Options DEFAULTS = new Options(Duration.ofMinutes(30), Duration.ofSeconds(2),
                Duration.ofMinutes(5), true, 3);

        /** One background thread. */
        public Options(Duration idle, Duration poll, Duration lease, boolean background) {
            this(idle, poll, lease, background, 1);
        }
    }

    /**
     * Where scoring's news goes: {@code failure.detected} through {@code events} (null: none), Slack alerts to URLs
     * that pass {@code policy}, at most one per conversation per {@code window}.
     */
    public record Alerting(WebhookEvents events, OutboundAddressPolicy policy, Duration window) {
        /** No webhook events; Slack only to https public addresses. */
        public static Alerting defaults() {
            return new Alerting(null, new OutboundAddressPolicy(false, OutboundAddressPolicy.Resolver.system()),
                    Alerts.DEFAULT_WINDOW);
        }
    }

    /**
     * What Insights asks OpenAI: the LLM judge through {@code responses} (used for owners who switch it on; null:
     * never), embeddings through {@code embeddings} (FEATURE_EMBEDDINGS; null: off).
     *
     * @param judgeModel the judge's model; null for the service's chat model
     */
    public record Ai(ResponsesClient responses, String judgeModel, EmbeddingsClient embeddings) {
        public static final Ai NONE = new Ai(null, null, null);
    }

    private final ApiKeys keys;
    private final AlertSender sender;
    private final Ingestion ingestion;
    private final PipelineWorker worker;
    private final List<RouteGroup> routes;
    private final ChatMirror mirror;

    private Insights(Jdbi jdbi, AuthGate gate, RateLimiter perKey, ObjectMapper mapper, Clock clock,
            Options options, ConversationScoring scoringOverride, Alerting alerting, Ai ai,
            Consumer<Instant> patternJob) {
        JobQueue queue = new JobQueue(jdbi, options.lease());
        this.sender = new AlertSender(alerting.policy(), Duration.ofSeconds(10));
        ConversationScoring scoring = scoringOverride != null ? scoringOverride
                : new ConversationScoring(jdbi, queue, options.idle(),
                        new Alerts(jdbi, queue, alerting.events(), sender, alerting.window()));
        if (scoringOverride == null) {
            scoring.withExtras(ai.responses() == null ? null
                            : new Judging(jdbi, new LlmJudge(ai.responses(), ai.judgeModel())),
                    ai.embeddings() == null ? null : new Embedder(jdbi, ai.embeddings()));
        }
        PatternAnalyzer patterns = new PatternAnalyzer(jdbi);
        this.keys = new ApiKeys(jdbi, clock);
        this.worker = new PipelineWorker(queue, scoring, clock, "worker-" + UUID.randomUUID().toString()
                .substring(0, 8), keys::flushLastUsed);
        worker.schedule(new PatternSchedule(jdbi, options.lease(),
                patternJob != null ? patternJob : patterns::analyzeAll));
        this.ingestion = new Ingestion(jdbi, clock, worker::wake);
        this.mirror = new DonnaChatMirror(ingestion, mapper, new VoiceMoments(jdbi));
        this.routes = List.of(new ApiKeyRoutes(keys), new TrackRoutes(keys, perKey, gate, ingestion, mapper),
                new InsightsRoutes(new InsightsReads(jdbi), clock), new InsightsSettings(jdbi, clock, sender),
                new SavedViewRoutes(new SavedViews(jdbi, clock)),
                new PatternRoutes(jdbi, patterns, clock),
                new SampleRoutes(new SampleConversations(jdbi, ingestion, clock, mapper)));
        if (options.background()) {
            worker.start(options.poll(), options.threads());
        }
    }

    public static Insights create(Jdbi jdbi, AuthGate gate, RateLimiter perKey, ObjectMapper mapper, Clock clock,
            Options options) {
        return create(jdbi, gate, perKey, mapper, clock, options, Alerting.defaults());
    }

    public static Insights create(Jdbi jdbi, AuthGate gate, RateLimiter perKey, ObjectMapper mapper, Clock clock,
            Options options, Alerting alerting) {
        return create(jdbi, gate, perKey, mapper, clock, options, alerting, Ai.NONE);
    }

    /** As above, with the LLM judge and embeddings ({@link Ai}). */
    public static Insights create(Jdbi jdbi, AuthGate gate, RateLimiter perKey, ObjectMapper mapper, Clock clock,
            Options options, Alerting alerting, Ai ai) {
        return new Insights(jdbi, gate, perKey, mapper, clock, options, null, alerting, ai, null);
    }

    /** As {@link #create}, with the jobs' work replaced (tests make it fail to reach the dead letters). */
    static Insights create(Jdbi jdbi, Clock clock, Options options, ConversationScoring scoring) {
        return new Insights(jdbi, null, null, new ObjectMapper(), clock, options, scoring, Alerting.defaults(),
                Ai.NONE, null);
    }

    /** As {@link #create}, for tests that drive the pipeline and its alerts by hand. */
    static Insights withAlerting(Jdbi jdbi, Clock clock, Options options, Alerting alerting) {
        return new Insights(jdbi, null, null, new ObjectMapper(), clock, options, null, alerting, Ai.NONE, null);
    }

    /** As {@link #create}, for tests of the judge, the embeddings and pattern-analyze ({@code patternJob} null: the real one). */
    static Insights withAi(Jdbi jdbi, Clock clock, Options options, Ai ai, Consumer<Instant> patternJob) {
        return new Insights(jdbi, null, null, new ObjectMapper(), clock, options, null, Alerting.defaults(), ai,
                patternJob);
    }

    public List<RouteGroup> routes() {
        return routes;
    }

    public ChatMirror chatMirror() {
        return mirror;
    }

    public ApiKeys apiKeys() {
        return keys;
    }

    public Ingestion ingestion() {
        return ingestion;
    }

    /** Runs every due job now, on the caller's thread; returns how many ran. The pipeline's explicit hook. */
    public int runDueJobs() {
        return worker.runDue();
    }

    @Override
    public void close() {
        worker.close();
        sender.close();
        try {
            keys.flushLastUsed();
        } catch (RuntimeException e) {
            // the database is going away with the service: a last-used time a few seconds old is no loss
        }
    }
}
