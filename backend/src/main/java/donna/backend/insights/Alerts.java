package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.http.Json;
import donna.backend.webhooks.EventTypes;
import donna.backend.webhooks.WebhookEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What scoring tells the owner's other tools and their Slack. In the scoring transaction ({@link #afterScoring}):
 * each new failure publishes {@code failure.detected} to the owner's webhooks, and a new failure of a kind the
 * owner chose, or the health falling under their threshold, queues one alert, at most one per conversation per
 * window (the dedupe row in {@code insights_alert_windows}). The {@code send-alert} job ({@link #send}) posts the
 * conversation's pending alerts to Slack; a 429, a 5xx or a network error fails the job, which the queue retries
 * with backoff (after Slack's {@code Retry-After} for a 429) and, after its last attempt, dead-letters.
 */
final class Alerts {
    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    /** A failure the scoring just created (not one found again). */
    record NewFailure(UUID id, String kind, String severity, Instant occurredAt) {}

    /** The scored conversation, as the alert needs it. */
    record Scored(UUID id, UUID owner, String source, String externalId, Integer previousHealth, int health) {}

    /** The send failed in a way worth trying again; the message is safe to log (no URL). */
    static final class NotDelivered extends RuntimeException {
        NotDelivered(String message) {
            super(message, null, false, false);
        }
    }

    private final Jdbi jdbi;
    private final JobQueue queue;
    private final WebhookEvents events;
    private final AlertSender sender;
    private final Duration window;

    /** @param events null: no webhook events (a test's pipeline without webhooks) */
    Alerts(Jdbi jdbi, JobQueue queue, WebhookEvents events, AlertSender sender, Duration window) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.events = events;
        this.sender = sender;
        this.window = window;
    }

    private record Settings(Integer healthBelow, List<String> kinds, String url) {}

    void afterScoring(Handle h, Scored c, List<NewFailure> fresh, Instant now) {
        if (events != null) {
            for (NewFailure f : fresh) {
                ObjectNode data = JsonNodeFactory.instance.objectNode().put("failure_id", f.id().toString())
                        .put("conversation_id", c.id().toString()).put("external_id", c.externalId())
                        .put("source", c.source()).put("kind", f.kind()).put("severity", f.severity())
                        .put("occurred_at", f.occurredAt().toString()).put("health_score", c.health())
                        .put("link", SlackMessage.LINK_PREFIX + c.id());
                events.publish(h, c.owner(), EventTypes.FAILURE_DETECTED, data);
            }
        }
        Optional<Settings> settings = h.createQuery("""
                select alert_health_below, alert_on_failure_kinds, slack_webhook_url from insights_settings
                where owner_id = :o and slack_webhook_url is not null""")
                .bind("o", c.owner())
                .map((rs, ctx) -> new Settings((Integer) rs.getObject("alert_health_below"),
                        texts(Json.tree(rs.getString("alert_on_failure_kinds"))), rs.getString("slack_webhook_url")))
                .findOne();
        if (settings.isEmpty()) {
            return;
        }
        List<String> kinds = new ArrayList<>();
        for (NewFailure f : fresh) {
            if (settings.get().kinds().contains(f.kind()) && !kinds.contains(f.kind())) {
                kinds.add(f.kind());
            }
        }
        Integer below = settings.get().healthBelow();
        // Falling under the threshold, not staying there: a conversation scored again while still low is not news.
        boolean low = below != null && c.health() < below && (c.previousHealth() == null || c.previousHealth() >= below);
        if (kinds.isEmpty() && !low) {
            return;
        }
        int opened = h.createUpdate("""
                insert into insights_alert_windows (conversation_id, last_alert_at) values (:c, :now)
                on conflict (conversation_id) do update set last_alert_at = excluded.last_alert_at
                where insights_alert_windows.last_alert_at <= :cutoff""")
                .bind("c", c.id()).bind("now", now).bind("cutoff", now.minus(window)).execute();
        if (opened == 0) {
            return; // alerted about this conversation within the window
        }
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        kinds.forEach(reasons.putArray("failure_kinds")::add);
        reasons.put("health", c.health());
        if (low) {
            reasons.put("health_below", below);
        } else {
            reasons.putNull("health_below");
        }
        h.createUpdate("""
                insert into insights_alerts (owner_id, conversation_id, reasons, created_at)
                values (:o, :c, cast(:r as jsonb), :now)""")
                .bind("o", c.owner()).bind("c", c.id()).bind("r", reasons.toString()).bind("now", now).execute();
        queue.enqueue(h, JobQueue.SEND_ALERT, c.id(), now);
    }

    private record Pending(UUID id, JsonNode reasons, String source, String externalId, int messageCount,
            String url) {}

    /** The {@code send-alert} job: posts the conversation's pending alerts. */
    void send(JobQueue.Job job, Instant now) {
        List<Pending> pending = jdbi.withHandle(h -> h.createQuery("""
                select a.id, a.reasons, c.source, c.external_id, c.message_count, s.slack_webhook_url
                from insights_alerts a join conversations c on c.id = a.conversation_id
                  left join insights_settings s on s.owner_id = a.owner_id
                where a.conversation_id = :c and a.status = 'pending' order by a.created_at""")
                .bind("c", job.conversationId())
                .map((rs, ctx) -> new Pending(rs.getObject("id", UUID.class), Json.tree(rs.getString("reasons")),
                        rs.getString("source"), rs.getString("external_id"), rs.getInt("message_count"),
                        rs.getString("slack_webhook_url")))
                .list());
        for (Pending p : pending) {
            if (p.url() == null) {
                finish(p.id(), "dropped", null, "no Slack webhook is configured any more", now);
                continue;
            }
            JsonNode reasons = p.reasons();
            SlackMessage.Facts facts = new SlackMessage.Facts(job.conversationId(), p.source(), p.externalId(),
                    p.messageCount(), reasons.path("health").isInt() ? reasons.path("health").asInt() : null,
                    texts(reasons.path("failure_kinds")),
                    reasons.path("health_below").isInt() ? reasons.path("health_below").asInt() : null);
            AlertSender.Answer answer = sender.post(p.url(), SlackMessage.alert(facts));
            if (answer.accepted()) {
                finish(p.id(), "sent", answer.status(), null, now);
                log.info("Insights alert {} for conversation {} sent to Slack {} (HTTP {})", p.id(),
                        job.conversationId(), AlertSender.masked(p.url()), answer.status());
                continue;
            }
            log.warn("Insights alert {} for conversation {} to Slack {} failed (attempt {}): {}", p.id(),
                    job.conversationId(), AlertSender.masked(p.url()), job.attempts(), answer.error());
            boolean again = answer.retryable() && job.attempts() < JobQueue.MAX_ATTEMPTS;
            finish(p.id(), again ? "pending" : "failed", answer.status(), answer.error(), now);
            if (again && answer.retryAfter() != null) {
                queue.notBefore(job, now.plus(answer.retryAfter()));
            }
            if (answer.retryable()) {
                throw new NotDelivered(answer.error()); // retried by the queue; dead-lettered after its last try
            }
        }
    }

    private void finish(UUID alert, String status, Integer httpStatus, String error, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                update insights_alerts set status = :s, attempts = attempts + 1, last_status = :hs, last_error = :e,
                  sent_at = case when :s = 'sent' then cast(:now as timestamptz) else sent_at end
                where id = :id""")
                .bind("s", status).bind("hs", httpStatus).bind("e", error).bind("now", now).bind("id", alert)
                .execute());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
