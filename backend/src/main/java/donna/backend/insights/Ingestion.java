package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes a conversation in: an upsert by {@code (owner, external_id)}, its new messages added (a message already
 * there, same role, timestamp and content, is skipped by the unique index), and a scoring job queued when anything
 * changed, all in one transaction so a job never sees half a batch.
 */
public final class Ingestion {
    /** Where a conversation came from; an external id belongs to one source (DONNA's cannot be written by a key). */
    public enum Source {
        DONNA_CHAT("donna-chat"), DONNA_VOICE("donna-voice"), API("api");

        private final String wire;

        Source(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public record Result(UUID conversationId, int messagesAdded) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake nudges this instance's worker after a commit, so scoring starts at once rather than at its poll */
    Ingestion(Jdbi jdbi, Clock clock, Runnable wake) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.wake = wake;
    }

    public Result ingest(UUID owner, Source source, String externalId, List<Incoming> messages, JsonNode metadata,
            boolean ended) {
        List<Incoming> ordered = messages.stream().sorted(Comparator.comparing(Incoming::timestamp)).toList();
        Instant now = clock.instant();
        Instant first = ordered.isEmpty() ? now : ordered.getFirst().timestamp();
        Instant last = ordered.isEmpty() ? now : ordered.getLast().timestamp();
        Result result = jdbi.inTransaction(h -> {
            Optional<Upserted> upserted = h.createQuery("""
                    insert into conversations (owner_id, external_id, source, metadata, started_at, last_message_at)
                    values (:o, :e, :s, cast(:m as jsonb), :first, :last)
                    on conflict (owner_id, external_id) do update set
                      metadata = conversations.metadata || excluded.metadata,
                      started_at = case when :any then least(conversations.started_at, excluded.started_at)
                        else conversations.started_at end,
                      last_message_at = case when :any
                        then greatest(conversations.last_message_at, excluded.last_message_at)
                        else conversations.last_message_at end
                    where conversations.source = excluded.source
                    returning id, ended_at""")
                    .bind("o", owner).bind("e", externalId).bind("s", source.wire())
                    .bind("m", metadata == null ? "{}" : metadata.toString()).bind("first", first).bind("last", last)
                    .bind("any", !ordered.isEmpty())
                    .map((rs, ctx) -> new Upserted(rs.getObject("id", UUID.class), rs.getTimestamp("ended_at") != null))
                    .findOne();
            if (upserted.isEmpty()) {
                throw new ApiException(409, "source_conflict",
                        "external_id is already used by a conversation from another source");
            }
            UUID id = upserted.get().id();
            int added = insertMessages(h, id, ordered);
            boolean endsNow = ended && !upserted.get().ended();
            if (added > 0 || endsNow) {
                // The counts and the scoring job in one statement: one round trip less per request.
                h.createUpdate("""
                        with changed as (
                          update conversations set message_count = message_count + :n, needs_scoring = true,
                            ended_at = case when :end then coalesce(ended_at, last_message_at) else ended_at end
                          where id = :id returning id)
                        insert into insights_jobs (kind, conversation_id, due_at) select :k, id, :d from changed
                        """ + JobQueue.REQUEUE)
                        .bind("n", added).bind("end", endsNow).bind("id", id).bind("k", JobQueue.SCORE)
                        .bind("d", now).execute();
            }
            return new Result(id, added);
        });
        if (result.messagesAdded() > 0) {
            wake.run();
        }
        return result;
    }

    private record Upserted(UUID id, boolean ended) {}

    private static int insertMessages(Handle h, UUID conversation, List<Incoming> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        PreparedBatch batch = h.prepareBatch("""
                insert into conversation_messages
                  (conversation_id, role, content, ts, metadata, latency_ms, sentiment, content_sha256)
                values (:c, :role, :content, :ts, cast(:meta as jsonb), :latency, :sentiment, :sha)
                on conflict (conversation_id, role, ts, content_sha256) do nothing""");
        for (Incoming m : messages) {
            JsonNode latency = m.metadata().get("latency_ms");
            batch.bind("c", conversation).bind("role", m.role()).bind("content", m.content())
                    .bind("ts", m.timestamp()).bind("meta", m.metadata().toString())
                    .bind("latency", latency != null && latency.canConvertToInt() && latency.asInt() >= 0
                            ? latency.asInt() : null)
                    .bind("sentiment", "user".equals(m.role()) ? (Float) (float) Lexicon.sentiment(m.content())
                            : null)
                    .bind("sha", sha256(m.content())).add();
        }
        int added = 0;
        for (int count : batch.execute()) {
            added += Math.max(0, count);
        }
        return added;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
