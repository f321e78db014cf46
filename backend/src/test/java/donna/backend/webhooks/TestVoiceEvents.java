package donna.backend.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.config.BackendConfig;
import donna.backend.support.Http;
import donna.testkit.webhooks.FakeWebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestVoiceEvents {
    private static Map<String, Object> event(String session, String type, String at, Map<String, Object> data) {
        return Map.of("session_id", session, "type", type, "at", at, "data", data);
    }

    private static Map<String, Object> batch(List<Map<String, Object>> events) {
        return Map.of("events", events);
    }

    @Test
    void events_are_stored_read_back_by_their_owner_only_and_an_end_is_fanned_out() {
        try (WebhookFixture f = new WebhookFixture(true)) {
            JsonNode hook = f.createWebhook("ann", "voice.session.ended");
            Http.Response stored = f.post("ann", "/api/voice/events", batch(List.of(
                    event("s-1", "connected", "2026-12-07T09:00:00Z", Map.of()),
                    event("s-1", "turn", "2026-12-07T09:00:05Z", Map.of("user_ms", 1800, "reply_ms", 900)),
                    event("s-1", "ended", "2026-12-07T09:03:00Z", Map.of("reason", "hangup")),
                    event("s-2", "connected", "2026-12-07T11:00:00Z", Map.of()))));
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            assertThat(stored.json().path("stored").asInt()).isEqualTo(4);

            JsonNode all = f.get("ann", "/api/voice/events").json().path("events");
            assertThat(all).extracting(e -> e.path("type").asText())
                    .containsExactly("connected", "turn", "ended", "connected");
            assertThat(all.get(1).path("session_id").asText()).isEqualTo("s-1");
            assertThat(all.get(1).path("data").path("user_ms").asInt()).isEqualTo(1800);
            assertThat(f.get("ann", "/api/voice/events?session_id=s-2").json().path("events")).hasSize(1);
            assertThat(f.get("ann", "/api/voice/events?from=2026-12-07T09:00:05Z&to=2026-12-07T11:00:00Z")
                    .json().path("events")).extracting(e -> e.path("type").asText()).containsExactly("turn", "ended");
            assertThat(f.get("bob", "/api/voice/events").json().path("events")).isEmpty();
            assertThat(f.get("bob", "/api/voice/events?session_id=s-1").json().path("events")).isEmpty();

            assertThat(f.worker().runDue()).as("one ended event, one subscribed webhook").isEqualTo(1);
            FakeWebhookReceiver.Received r = f.receiver.requests().get(0);
            assertThat(r.header("X-Donna-Event")).isEqualTo("voice.session.ended");
            assertThat(FakeWebhookReceiver.verify(r, "X-Donna-Signature", hook.path("secret").asText(),
                    f.clock.instant(), Duration.ofMinutes(5))).isTrue();
            JsonNode payload = f.get("ann", "/api/webhooks").json(); // the delivery log agrees
            assertThat(payload.path("webhooks").get(0).path("recent_deliveries").get(0).path("status").asText())
                    .isEqualTo("delivered");
            assertThat(r.bodyText()).contains("\"session_id\":\"s-1\"").contains("\"reason\":\"hangup\"");
        }
    }

    @Test
    void bad_batches_are_refused_whole_with_the_reason() {
        try (WebhookFixture f = new WebhookFixture(true)) {
            List<Map<String, Object>> many = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                many.add(event("s", "turn", "2026-12-07T09:00:00Z", Map.of()));
            }
            Http.Response tooMany = f.post("ann", "/api/voice/events", batch(many));
            assertThat(tooMany.status()).isEqualTo(413);
            assertThat(tooMany.errorCode()).isEqualTo("too_many_events");

            Http.Response badType = f.post("ann", "/api/voice/events", batch(List.of(
                    event("s", "turn", "2026-12-07T09:00:00Z", Map.of()),
                    event("s", "exploded", "2026-12-07T09:00:00Z", Map.of()))));
            assertThat(badType.status()).isEqualTo(400);
            assertThat(badType.json().path("error").path("message").asText()).contains("events[1].type");

            Http.Response badTime = f.post("ann", "/api/voice/events", batch(List.of(
                    event("s", "turn", "yesterday", Map.of()))));
            assertThat(badTime.errorCode()).isEqualTo("validation_failed");
            assertThat(badTime.json().path("error").path("message").asText()).contains("events[0].at");

            assertThat(f.post("ann", "/api/voice/events", Map.of("events", List.of())).status()).isEqualTo(400);
            assertThat(f.post("ann", "/api/voice/events", Map.of()).status()).isEqualTo(400);
            assertThat(f.get("ann", "/api/voice/events?from=last-week").status()).isEqualTo(400);
            assertThat(f.get("ann", "/api/voice/events").json().path("events")).as("nothing half-stored").isEmpty();
        }
    }

    @Test
    void reporting_is_rate_limited_like_every_route() {
        try (WebhookFixture f = new WebhookFixture(c -> c.withWebhooks(new BackendConfig.Webhooks(true,
                Duration.ZERO)).withRateLimitPerMinute(3))) {
            Map<String, Object> one = batch(List.of(event("s", "turn", "2026-12-07T09:00:00Z", Map.of())));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(f.post("ann", "/api/voice/events", one).status());
            }
            assertThat(statuses).contains(429);
            assertThat(statuses.get(0)).isEqualTo(200);
        }
    }
}
