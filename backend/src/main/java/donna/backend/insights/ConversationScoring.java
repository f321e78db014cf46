package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What the pipeline's jobs do. {@code process-conversation}: read the conversation, score it ({@link HealthScorer}),
 * write its health and failures in one transaction (a failure found again keeps the status a person gave it; an open
 * one no longer found goes), and, while it has not ended, queue the idle check. {@code end-if-idle}: a conversation
 * quiet for the idle time has ended; it is scored again (a last question without an answer now counts).
 */
class ConversationScoring {
    /** Messages read per scoring: the newest this many of a very long conversation. */
    static final int MAX_MESSAGES = 5_000;

    private final Jdbi jdbi;
    private final JobQueue queue;
    private final Duration idle;
    private final Alerts alerts;
    private Judging judging;
    private Embedder embedder;

    ConversationScoring(Jdbi jdbi, JobQueue queue, Duration idle) {
        this(jdbi, queue, idle, null);
    }

    /** @param alerts told of each scoring in its transaction (webhook events, Slack alerts); null for none */
    ConversationScoring(Jdbi jdbi, JobQueue queue, Duration idle, Alerts alerts) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.idle = idle;
        this.alerts = alerts;
    }

    /** The LLM judge and the embeddings (each null when off); set once, before the worker starts. */
    ConversationScoring withExtras(Judging judging, Embedder embedder) {
        this.judging = judging;
        this.embedder = embedder;
        return this;
    }

    /**
     * The job kinds whose work removes their own job from the queue in the work's transaction ({@link #run}): the
     * worker does not complete them again. Either both the work and the removal are committed, or neither.
     */
    static boolean completesItself(String kind) {
        return kind.equals(JobQueue.SCORE) || kind.equals(JobQueue.END_IF_IDLE);
    }

    void run(JobQueue.Job job, Instant now) {
        switch (job.kind()) {
            case JobQueue.SCORE -> score(job.conversationId(), now, job);
            case JobQueue.END_IF_IDLE -> endIfIdle(job, now);
            case JobQueue.SEND_ALERT -> {
                if (alerts == null) {
                    throw new IllegalStateException("no alert sender for " + job.kind());
                }
                alerts.send(job, now);
            }
            case JobQueue.JUDGE -> {
                if (judging != null) {
                    judging.run(job.conversationId(), now, this);
                } // switched off since it was queued: nothing to do
            }
            case JobQueue.EMBED -> {
                if (embedder != null) {
                    embedder.run(job.conversationId(), now);
                }
            }
            default -> throw new IllegalStateException("unknown job kind " + job.kind());
        }
    }

    private record Loaded(String source, boolean ended, JsonNode metadata, Instant lastMessageAt, UUID owner,
            String externalId, Integer health) {}

    void score(UUID conversation, Instant now) {
        score(conversation, now, null);
    }

    /**
     * Scores the conversation; {@code job} (null: none) is completed in the same transaction. A conversation already
     * quiet for the idle time (sent in late, or its idle check not run yet) ends here, scored once as ended rather
     * than scored, then ended by {@code end-if-idle} and scored again.
     */
    private void score(UUID conversation, Instant now, JobQueue.Job job) {
        jdbi.useTransaction(h -> {
            if (job != null) {
                derivedOnly(h);
            }
            Optional<Loaded> loaded = h.createQuery("""
                    select source, ended_at, metadata, last_message_at, owner_id, external_id, health_score
                    from conversations where id = :id for update""")
                    .bind("id", conversation)
                    .map((rs, ctx) -> new Loaded(rs.getString("source"), rs.getTimestamp("ended_at") != null,
                            Json.tree(rs.getString("metadata")), rs.getTimestamp("last_message_at").toInstant(),
                            rs.getObject("owner_id", UUID.class), rs.getString("external_id"),
                            (Integer) rs.getObject("health_score")))
                    .findOne();
            if (loaded.isEmpty()) {
                if (job != null) {
                    queue.complete(h, job);
                }
                return; // deleted since: nothing to score
            }
            boolean endsNow = !loaded.get().ended() && !loaded.get().lastMessageAt().plus(idle).isAfter(now);
            boolean ended = loaded.get().ended() || endsNow;
            List<HealthScorer.Message> messages = messages(h, conversation);
            HealthScorer.Score score = HealthScorer.score(new HealthScorer.Conversation(loaded.get().source(),
                    ended, loaded.get().metadata(), messages));
            boolean judged = false;
            if (judging != null && !messages.isEmpty()) {
                Optional<Judging.Stored> verdict = Judging.current(h, conversation, Judging.lastId(messages));
                if (verdict.isPresent()) {
                    score = Judging.combine(score, verdict.get(), messages.getLast().ts());
                    judged = true;
                }
            }
            Set<String> known = alerts == null ? Set.of() : h.createQuery(
                    "select fingerprint from failures where conversation_id = :c").bind("c", conversation)
                    .mapTo(String.class).collect(java.util.stream.Collectors.toSet());
            write(h, conversation, score, endsNow, now);
            // Made-up sample conversations are scored like any other but tell no one outside (Slack, webhooks)
            // and cost nothing (no judge).
            boolean sample = SampleConversations.isSample(loaded.get().externalId(), loaded.get().metadata());
            if (alerts != null && !sample) {
                Loaded c = loaded.get();
                alerts.afterScoring(h, new Alerts.Scored(conversation, c.owner(), c.source(), c.externalId(),
                        c.health(), score.health()), created(h, conversation, score, known), now);
            }
            if (!ended) {
                queue.enqueue(h, JobQueue.END_IF_IDLE, conversation, loaded.get().lastMessageAt().plus(idle));
            } else if (!messages.isEmpty()) {
                // A whole session: what the judge and the embeddings look at.
                if (judging != null && !judged && !sample && Judging.enabled(h, loaded.get().owner())) {
                    queue.enqueue(h, JobQueue.JUDGE, conversation, now);
                }
                if (embedder != null) {
                    queue.enqueue(h, JobQueue.EMBED, conversation, now);
                }
            }
            if (job != null) {
                queue.complete(h, job);
            }
        });
    }

    /**
     * This transaction writes only what its job can compute again (a score, an end, the job's own removal), so its
     * commit does not wait for the disk: a crash may lose the last moment's such commits, each whole with its job's
     * removal (PostgreSQL's asynchronous commit), and the jobs then run again. Ingestion and everything a person
     * writes still wait for the disk.
     */
    private static void derivedOnly(Handle h) {
        h.execute("set local synchronous_commit = off");
    }

    /** The failures this scoring created: found now, not there before. */
    private static List<Alerts.NewFailure> created(Handle h, UUID conversation, HealthScorer.Score score,
            Set<String> known) {
        String[] fresh = score.failures().stream().map(HealthScorer.Found::fingerprint)
                .filter(fp -> !known.contains(fp)).toArray(String[]::new);
        if (fresh.length == 0) {
            return List.of();
        }
        return h.createQuery("""
                select id, kind, severity, occurred_at from failures
                where conversation_id = :c and fingerprint = any(cast(:fps as text[])) order by occurred_at, kind""")
                .bind("c", conversation).bind("fps", fresh)
                .map((rs, ctx) -> new Alerts.NewFailure(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getString("severity"), rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    static List<HealthScorer.Message> messages(Handle h, UUID conversation) {
        List<HealthScorer.Message> newestFirst = h.createQuery("""
                select id, role, content, ts, metadata, latency_ms, sentiment from conversation_messages
                where conversation_id = :c order by ts desc, id desc limit :n""")
                .bind("c", conversation).bind("n", MAX_MESSAGES)
                .map((rs, ctx) -> new HealthScorer.Message(rs.getLong("id"), rs.getString("role"),
                        rs.getString("content"), rs.getTimestamp("ts").toInstant(), Json.tree(rs.getString("metadata")),
                        (Integer) rs.getObject("latency_ms"), (Float) rs.getObject("sentiment")))
                .list();
        return newestFirst.reversed();
    }

    private static void write(Handle h, UUID conversation, HealthScorer.Score score, boolean endsNow, Instant now) {
        h.createUpdate("""
                update conversations set health_score = :s, health_breakdown = cast(:b as jsonb), scored_at = :t,
                  needs_scoring = false, failure_count = :f,
                  ended_at = case when :end then coalesce(ended_at, last_message_at) else ended_at end
                where id = :id""")
                .bind("s", score.health()).bind("b", score.breakdown().toString()).bind("t", now)
                .bind("f", score.failures().size()).bind("end", endsNow).bind("id", conversation).execute();
        var upsert = h.prepareBatch("""
                insert into failures (conversation_id, owner_id, kind, severity, message_id, detail, fingerprint,
                  occurred_at, created_at, updated_at)
                select :c, owner_id, :k, :sev, :m, :d, :fp, :at, :t, :t from conversations where id = :c
                on conflict (conversation_id, fingerprint) do update set severity = excluded.severity,
                  detail = excluded.detail, occurred_at = excluded.occurred_at,
                  updated_at = case when failures.severity <> excluded.severity or failures.detail <> excluded.detail
                    then excluded.updated_at else failures.updated_at end""");
        for (HealthScorer.Found f : score.failures()) {
            upsert.bind("c", conversation).bind("k", f.kind()).bind("sev", f.severity()).bind("m", f.messageId())
                    .bind("d", f.detail()).bind("fp", f.fingerprint()).bind("at", f.occurredAt()).bind("t", now).add();
        }
        if (upsert.size() > 0) {
            upsert.execute();
        }
        h.createUpdate("""
                delete from failures where conversation_id = :c and status = 'open'
                  and fingerprint <> all(cast(:fps as text[]))""")
                .bind("c", conversation)
                .bind("fps", score.failures().stream().map(HealthScorer.Found::fingerprint).toArray(String[]::new))
                .execute();
    }

    private void endIfIdle(JobQueue.Job job, Instant now) {
        UUID conversation = job.conversationId();
        jdbi.useTransaction(h -> {
            derivedOnly(h);
            int ended = h.createUpdate("""
                    update conversations set ended_at = last_message_at, needs_scoring = true
                    where id = :id and ended_at is null and last_message_at <= :quietSince""")
                    .bind("id", conversation).bind("quietSince", now.minus(idle)).execute();
            if (ended > 0) {
                queue.enqueue(h, JobQueue.SCORE, conversation, now);
            }
            queue.complete(h, job);
        });
    }
}
