package donna.backend.today;

import donna.backend.gmail.MailSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triage in the background, so Today never waits on the model: {@link #request} starts a run for a person's
 * pending mails unless one is under way, and the run saves each batch's verdicts as it gets them (Today shows them
 * at its next read). When the model cannot be reached the run stops, keeps the mails pending and says why; a new
 * run waits {@link #RETRY_AFTER} after such a failure so a model that is down is not asked on every read.
 */
public final class TriageRunner implements AutoCloseable {
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(TriageRunner.class);

    /** Where a person's triage stands: running, and the last run's failure (null when none). */
    public record State(boolean running, String error, Instant failedAt) {
        static final State IDLE = new State(false, null, null);
    }

    private final MailTriager triager;
    private final TriageStore store;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<UUID, State> states = new ConcurrentHashMap<>();

    public TriageRunner(MailTriager triager, TriageStore store, Clock clock) {
        this.triager = triager;
        this.store = store;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("mail-triage-", 0).factory());
    }

    public State state(UUID userId) {
        return states.getOrDefault(userId, State.IDLE);
    }

    /**
     * Starts triaging these mails (the person's unread ones not triaged yet) unless a run is under way or the last
     * one failed less than a minute ago. Returns at once.
     */
    public void request(UUID userId, List<MailSummary> pending) {
        if (pending.isEmpty()) {
            return;
        }
        State[] started = new State[1];
        states.compute(userId, (id, now) -> {
            if (now != null && (now.running() || (now.failedAt() != null
                    && now.failedAt().plus(RETRY_AFTER).isAfter(clock.instant())))) {
                return now;
            }
            started[0] = new State(true, null, null);
            return started[0];
        });
        if (started[0] == null) {
            return;
        }
        List<MailSummary> work = List.copyOf(pending);
        try {
            pool.execute(() -> run(userId, work));
        } catch (RuntimeException e) { // shut down
            states.put(userId, State.IDLE);
        }
    }

    private void run(UUID userId, List<MailSummary> asked) {
        try {
            // A read that listed the mail before the last run saved its verdicts asks for them again: the cache
            // is checked here too, so the model is not.
            var known = store.find(userId, asked.stream().map(MailSummary::id).toList()).keySet();
            List<MailSummary> work = asked.stream().filter(m -> !known.contains(m.id())).toList();
            for (int from = 0; from < work.size(); from += MailTriager.BATCH) {
                List<MailSummary> batch = work.subList(from, Math.min(work.size(), from + MailTriager.BATCH));
                store.save(userId, triager.triage(batch));
            }
            states.put(userId, State.IDLE);
        } catch (RuntimeException e) {
            // The model (or the database) failed: the rest stay pending, the person sees why, no detail leaks.
            log.warn("Mail triage stopped for a user: {}", e.getClass().getSimpleName());
            states.put(userId, new State(false, "DONNA could not reach the model to sort your mail; it will try "
                    + "again.", clock.instant()));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
