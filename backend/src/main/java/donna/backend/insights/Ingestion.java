package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

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

    /**
     * All of a request's messages in one statement (arrays unnested in order, so ids follow the request's order):
     * one parse and one execution instead of one per message. The hash the unique index dedupes by is taken by
     * PostgreSQL, SHA-256 of the UTF-8 text, as before.
     */
    private static int insertMessages(Handle h, UUID conversation, List<Incoming> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        int n = messages.size();
        String[] roles = new String[n];
        String[] contents = new String[n];
        String[] times = new String[n];
        String[] metas = new String[n];
        String[] latencies = new String[n];
        String[] sentiments = new String[n];
        for (int i = 0; i < n; i++) {
            Incoming m = messages.get(i);
            JsonNode latency = m.metadata().get("latency_ms");
            roles[i] = m.role();
            contents[i] = m.content();
            times[i] = m.timestamp().toString();
            metas[i] = m.metadata().toString();
            latencies[i] = latency != null && latency.canConvertToInt() && latency.asInt() >= 0
                    ? Integer.toString(latency.asInt()) : null;
            sentiments[i] = "user".equals(m.role()) ? Float.toString((float) Lexicon.sentiment(m.content())) : null;
        }
        return h.createUpdate("""
                insert into conversation_messages
                  (conversation_id, role, content, ts, metadata, latency_ms, sentiment, content_sha256)
                select :c, u.role, u.content, u.ts::timestamptz, u.meta::jsonb, u.latency::int, u.sentiment::real,
                  sha256(convert_to(u.content, 'UTF8'))
                from unnest(:roles, :contents, :times, :metas, :latencies, :sentiments)
                  with ordinality as u(role, content, ts, meta, latency, sentiment, n)
                order by u.n
                on conflict (conversation_id, role, ts, content_sha256) do nothing""")
                .bind("c", conversation).bindArray("roles", String.class, (Object[]) roles)
                .bindArray("contents", String.class, (Object[]) contents)
                .bindArray("times", String.class, (Object[]) times)
                .bindArray("metas", String.class, (Object[]) metas)
                .bindArray("latencies", String.class, (Object[]) latencies)
                .bindArray("sentiments", String.class, (Object[]) sentiments).execute();
    }
}
