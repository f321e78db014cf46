package donna.backend.voiceevents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.http.Json;
import donna.backend.webhooks.EventTypes;
import donna.backend.webhooks.WebhookEvents;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code voice_events} log. A batch is stored in one transaction with the {@code voice.session.ended} webhook
 * deliveries its {@code ended} events announce, so a stored end is announced once and an unstored one never.
 */
public final class VoiceEventStore {
    private final Jdbi jdbi;
    private final WebhookEvents webhooks;
    private final ObjectMapper mapper;

    public VoiceEventStore(Jdbi jdbi, WebhookEvents webhooks, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.webhooks = webhooks;
        this.mapper = mapper;
    }

    public void store(UUID owner, List<VoiceEvent> events) {
        jdbi.useTransaction(h -> {
            var batch = h.prepareBatch("insert into voice_events (user_id, session_id, type, at, data) "
                    + "values (:u, :s, :t, :at, cast(:data as jsonb))");
            for (VoiceEvent e : events) {
                batch.bind("u", owner).bind("s", e.sessionId()).bind("t", e.type()).bind("at", e.at())
                        .bind("data", e.data().toString()).add();
            }
            batch.execute();
            for (VoiceEvent e : events) {
                if ("ended".equals(e.type())) {
                    ObjectNode data = mapper.createObjectNode().put("session_id", e.sessionId())
                            .put("ended_at", e.at().toString());
                    data.set("details", e.data());
                    webhooks.publish(h, owner, EventTypes.VOICE_SESSION_ENDED, data);
                }
            }
        });
    }

    /** The owner's events between {@code from} and {@code to} (either may be null), oldest first. */
    public List<VoiceEvent> list(UUID owner, OffsetDateTime from, OffsetDateTime to, String sessionId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select session_id, type, at, data::text as data from voice_events
                        where user_id = :u and (cast(:from as timestamptz) is null or at >= :from)
                          and (cast(:to as timestamptz) is null or at < :to)
                          and (cast(:s as text) is null or session_id = :s)
                        order by at, id limit :n""")
                .bind("u", owner).bind("from", from).bind("to", to).bind("s", sessionId).bind("n", limit)
                .map((rs, c) -> new VoiceEvent(rs.getString("session_id"), rs.getString("type"),
                        rs.getObject("at", OffsetDateTime.class), Json.tree(rs.getString("data"))))
                .list());
    }
}
