package donna.backend.insights;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The pipeline's queue in PostgreSQL ({@code insights_jobs}), shared by every instance on the database. A worker
 * claims due jobs with {@code FOR UPDATE SKIP LOCKED} and a lease: two workers never claim the same job, and a
 * job whose worker died is claimed again once its lease runs out. One row per (kind, conversation): enqueueing again
 * moves its due time and its version, so a job enqueued while it runs is run again rather than lost.
 */
final class JobQueue {
    static final String SCORE = "process-conversation";
    static final String END_IF_IDLE = "end-if-idle";
    /** Posts a conversation's pending Slack alerts ({@link Alerts}). */
    static final String SEND_ALERT = "send-alert";
    /** Asks the LLM judge about an ended conversation ({@link Judging}), when its owner switched the judge on. */
    static final String JUDGE = "judge-conversation";
    /** Embeds an ended conversation ({@link Embedder}), behind FEATURE_EMBEDDINGS. */
    static final String EMBED = "embed-conversation";
    static final int MAX_ATTEMPTS = 5;
    private static final Duration BASE_BACKOFF = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int MAX_ERROR = 500;

    record Job(long id, String kind, UUID conversationId, int version, int attempts) {}

    private final Jdbi jdbi;
    private final Duration lease;

    JobQueue(Jdbi jdbi, Duration lease) {
        this.jdbi = jdbi;
        this.lease = lease;
    }

    /** Enqueueing a job that is there already moves it: due again, a new version, its attempts forgotten. */
    static final String REQUEUE = """
            on conflict (kind, conversation_id) do update set
              due_at = excluded.due_at, version = insights_jobs.version + 1, attempts = 0, last_error = null""";

    /** Queues (or re-queues) the job, due at {@code dueAt}; part of the caller's transaction. */
    void enqueue(Handle h, String kind, UUID conversation, Instant dueAt) {
        h.createUpdate("insert into insights_jobs (kind, conversation_id, due_at) values (:k, :c, :d) " + REQUEUE)
                .bind("k", kind).bind("c", conversation).bind("d", dueAt).execute();
    }

    void enqueue(String kind, UUID conversation, Instant dueAt) {
        jdbi.useHandle(h -> enqueue(h, kind, conversation, dueAt));
    }

    /** Claims up to {@code limit} due jobs for {@code worker} until {@code now + lease}. */
    List<Job> claim(String worker, Instant now, int limit) {
        return jdbi.inTransaction(h -> {
            // A claim lost in a crash only means the job is claimed again: no need to wait for the disk.
            h.execute("set local synchronous_commit = off");
            return h.createQuery("""
                    update insights_jobs j set locked_by = :w, locked_until = :until, attempts = j.attempts + 1
                    where j.id in (
                      select id from insights_jobs
                      where due_at <= :now and (locked_until is null or locked_until < :now)
                      order by due_at limit :n for update skip locked)
                    returning j.id, j.kind, j.conversation_id, j.version, j.attempts""")
                    .bind("w", worker).bind("now", now).bind("until", now.plus(lease)).bind("n", limit)
                    .map((rs, ctx) -> new Job(rs.getLong("id"), rs.getString("kind"),
                            rs.getObject("conversation_id", UUID.class), rs.getInt("version"),
                            rs.getInt("attempts")))
                    .list();
        });
    }

    /** Done: removed, unless it was enqueued again meanwhile (then released to run again). */
    void complete(Job job) {
        jdbi.useHandle(h -> complete(h, job));
    }

    /** As {@link #complete(Job)}, in the caller's transaction (the job's own work's). */
    void complete(Handle h, Job job) {
        int deleted = h.createUpdate("delete from insights_jobs where id = :id and version = :v")
                .bind("id", job.id()).bind("v", job.version()).execute();
        if (deleted == 0) {
            release(h, job.id());
        }
    }

    /**
     * Failed: retried after an exponential backoff (2 s, 4 s, 8 s, ... at most 5 min), or, after
     * {@link #MAX_ATTEMPTS}, moved to the dead letters.
     */
    void fail(Job job, String error, Instant now) {
        String message = error == null ? "unknown error" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR)
                : error;
        jdbi.useTransaction(h -> {
            if (job.attempts() >= MAX_ATTEMPTS) {
                h.createUpdate("""
                        insert into insights_dead_letters (owner_id, kind, conversation_id, attempts, last_error,
                          failed_at)
                        select owner_id, :k, id, :a, :e, :t from conversations where id = :c""")
                        .bind("k", job.kind()).bind("a", job.attempts()).bind("e", message).bind("t", now)
                        .bind("c", job.conversationId()).execute();
                int deleted = h.createUpdate("delete from insights_jobs where id = :id and version = :v")
                        .bind("id", job.id()).bind("v", job.version()).execute();
                if (deleted == 0) {
                    release(h, job.id()); // enqueued again meanwhile: new messages deserve a fresh try
                }
                return;
            }
            long backoff = Math.min(MAX_BACKOFF.toMillis(), BASE_BACKOFF.toMillis() << (job.attempts() - 1));
            h.createUpdate("""
                    update insights_jobs set locked_by = null, locked_until = null, last_error = :e,
                      due_at = greatest(due_at, :due)
                    where id = :id""")
                    .bind("e", message).bind("due", now.plusMillis(backoff)).bind("id", job.id()).execute();
        });
    }

    /** Not before {@code at}: a failure after this keeps at least this due time (Slack's Retry-After). */
    void notBefore(Job job, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("update insights_jobs set due_at = greatest(due_at, :at) where id = :id")
                .bind("at", at).bind("id", job.id()).execute());
    }

    private static void release(Handle h, long id) {
        h.createUpdate("update insights_jobs set locked_by = null, locked_until = null where id = :id")
                .bind("id", id).execute();
    }
}
