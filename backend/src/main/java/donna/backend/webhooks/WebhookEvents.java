package donna.backend.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The seam other features call to tell the person's other tools that something happened: {@link #publish} writes
 * one delivery row per enabled webhook of the owner subscribed to the event, in the service's own database (an
 * outbox). Nothing is sent here; the {@link WebhookWorker} of some instance sends each row once.
 *
 * <p>The body every receiver gets: {@code {"id":"<delivery id>","type":"<event>","created_at":"<ISO-8601>",
 * "data":{...}}}; {@code id} is also the {@code X-Donna-Delivery} header.
 */
public final class WebhookEvents implements EventSink {
    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final Clock clock;

    public WebhookEvents(Jdbi jdbi, ObjectMapper mapper, Clock clock) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Queues {@code type} with {@code data} for every enabled webhook of {@code owner} subscribed to it.
     *
     * @param type one of {@link EventTypes#ALL}
     * @return how many deliveries were queued (0 when nobody listens)
     * @throws IllegalArgumentException for an unknown event type (a bug in the caller)
     */
    public int publish(UUID owner, String type, JsonNode data) {
        return jdbi.inTransaction(h -> publish(h, owner, type, data));
    }

    /**
     * As {@link #publish(UUID, String, JsonNode)}, inside the caller's transaction: the deliveries exist exactly
     * when what they announce was committed (a lead written and its {@code lead.created} together, or neither).
     */
    public int publish(Handle handle, UUID owner, String type, JsonNode data) {
        if (!EventTypes.known(type)) {
            throw new IllegalArgumentException("unknown webhook event type " + type);
        }
        List<UUID> hooks = handle.createQuery("select id from webhooks where user_id = :u and enabled "
                        + "and :type = any(events)")
                .bind("u", owner).bind("type", type).mapTo(UUID.class).list();
        for (UUID hook : hooks) {
            insert(handle, hook, type, data);
        }
        return hooks.size();
    }

    @Override
    public void publish(Handle handle, UUID owner, String type, Object data) {
        publish(handle, owner, type, data instanceof JsonNode node ? node : mapper.valueToTree(data));
    }

    /** {@code data} as the JSON an event carries. */
    com.fasterxml.jackson.databind.JsonNode tree(Object data) {
        return mapper.valueToTree(data);
    }

    /** Queues a {@code webhook.test} delivery to one of the owner's enabled webhooks; empty when there is none. */
    Optional<UUID> test(UUID owner, UUID webhookId) {
        return jdbi.inTransaction(h -> {
            Optional<UUID> hook = h.createQuery("select id from webhooks where user_id = :u and id = :id and enabled")
                    .bind("u", owner).bind("id", webhookId).mapTo(UUID.class).findOne();
            return hook.map(id -> insert(h, id, EventTypes.TEST, mapper.createObjectNode()
                    .put("message", "A test delivery from DONNA: your endpoint received and can verify it.")));
        });
    }

    private UUID insert(Handle h, UUID webhookId, String type, JsonNode data) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        ObjectNode body = mapper.createObjectNode().put("id", id.toString()).put("type", type)
                .put("created_at", now.toString());
        body.set("data", data == null ? mapper.createObjectNode() : data);
        h.createUpdate("insert into webhook_deliveries (id, webhook_id, event_type, payload, next_attempt_at, "
                        + "created_at) values (:id, :w, :type, cast(:payload as json), :now, :now)")
                .bind("id", id).bind("w", webhookId).bind("type", type).bind("payload", text(body))
                .bind("now", now).execute();
        return id;
    }

    private String text(JsonNode body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
