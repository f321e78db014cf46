package donna.backend.insights;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly {@code pattern-analyze}, scheduled in the database ({@code insights_schedules}) so that however many
 * instances share it, each run happens on one: a worker claims the run with one conditional update (due, and not
 * leased to a live worker), which PostgreSQL lets only one of several concurrent callers win. A run that finishes
 * moves the next one a week on; one that fails is tried again after a backoff (2, 4, 8 ... minutes, at most a day),
 * and a worker that died mid-run loses its lease.
 */
final class PatternSchedule {
    static final String NAME = "pattern-analyze";
    static final Duration EVERY = Duration.ofDays(7);
    private static final Duration BASE_BACKOFF = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(PatternSchedule.class);

    private final Jdbi jdbi;
    private final Duration lease;
    private final Consumer<Instant> job;

    /** @param job one run over every owner ({@link PatternAnalyzer#analyzeAll}); tests count runs with their own */
    PatternSchedule(Jdbi jdbi, Duration lease, Consumer<Instant> job) {
        this.jdbi = jdbi;
        this.lease = lease;
        this.job = job;
    }

    /** Runs pattern-analyze if it is due and this worker wins it; true if it ran here. */
    boolean runIfDue(String worker, Instant now) {
        Integer attempts = jdbi.withHandle(h -> h.createQuery("""
                update insights_schedules set locked_by = :w, locked_until = :until, attempts = attempts + 1,
                  last_started_at = :now
                where name = :n and due_at <= :now and (locked_until is null or locked_until < :now)
                returning attempts""")
                .bind("w", worker).bind("until", now.plus(lease)).bind("now", now).bind("n", NAME)
                .mapTo(Integer.class).findOne().orElse(null));
        if (attempts == null) {
            return false;
        }
        try {
            job.accept(now);
            jdbi.useHandle(h -> h.createUpdate("""
                    update insights_schedules set due_at = :next, locked_by = null, locked_until = null, attempts = 0,
                      last_run_at = :now, last_error = null
                    where name = :n and locked_by = :w""")
                    .bind("next", now.plus(EVERY)).bind("now", now).bind("n", NAME).bind("w", worker).execute());
        } catch (RuntimeException e) {
            log.warn("pattern-analyze failed (attempt {}): {}", attempts, e.getClass().getSimpleName());
            long backoff = Math.min(MAX_BACKOFF.toMillis(), BASE_BACKOFF.toMillis() << Math.min(20, attempts - 1));
            jdbi.useHandle(h -> h.createUpdate("""
                    update insights_schedules set due_at = :next, locked_by = null, locked_until = null,
                      last_error = :e
                    where name = :n and locked_by = :w""")
                    .bind("next", now.plusMillis(backoff)).bind("e", e.getClass().getSimpleName()).bind("n", NAME)
                    .bind("w", worker).execute());
        }
        return true;
    }
}
