package donna.backend.insights;

import static donna.backend.insights.InsightsFixture.body;
import static donna.backend.insights.InsightsFixture.createKey;
import static donna.backend.insights.InsightsFixture.message;
import static donna.backend.insights.InsightsFixture.track;
import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTrackIngestion {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    static Path dir;
    static TestService service;
    static String key;

    @BeforeAll
    static void start() {
        service = TestService.start(dir);
        key = createKey(service.http(), "alice");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static int count(String table, String conversationId) {
        return service.service().database().jdbi().withHandle(h -> h.createQuery(
                "select count(*) from " + table + " where conversation_id = cast(:c as uuid)")
                .bind("c", conversationId).mapTo(Integer.class).one());
    }

    @Test
    void sending_the_same_conversation_again_adds_only_what_is_new() {
        String first = body("idem-1", message("user", "Where is my order?", T),
                message("assistant", "It ships tomorrow.", T.plusSeconds(2)));
        Http.Response once = track(service.http(), key, first);
        assertThat(once.status()).as(once.body()).isEqualTo(200);
        assertThat(once.json().path("success").asBoolean()).isTrue();
        assertThat(once.json().path("messages_added").asInt()).isEqualTo(2);
        String id = once.json().path("conversation_id").asText();

        Http.Response again = track(service.http(), key, first);
        assertThat(again.json().path("conversation_id").asText()).isEqualTo(id);
        assertThat(again.json().path("messages_added").asInt()).isZero();

        Http.Response more = track(service.http(), key, body("idem-1", message("user", "Where is my order?", T),
                message("assistant", "It ships tomorrow.", T.plusSeconds(2)),
                message("user", "Thanks!", T.plusSeconds(10)),
                // Same text at another time is another message.
                message("user", "Where is my order?", T.plusSeconds(20))));
        assertThat(more.json().path("conversation_id").asText()).isEqualTo(id);
        assertThat(more.json().path("messages_added").asInt()).isEqualTo(2);
        assertThat(count("conversation_messages", id)).isEqualTo(4);

        JsonNode conversation = InsightsFixture.conversation(service, "alice", id);
        assertThat(conversation.path("message_count").asInt()).isEqualTo(4);
        assertThat(conversation.path("source").asText()).isEqualTo("api");
        assertThat(conversation.path("started_at").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(conversation.path("last_message_at").asText()).isEqualTo("2026-12-01T10:00:20Z");
    }

    @Test
    void metadata_is_kept_and_merged() {
        Http.Response once = track(service.http(), key, "{\"external_id\":\"meta-1\",\"metadata\":{\"app\":\"shop\"},"
                + "\"messages\":[" + message("user", "hi", T) + "]}");
        assertThat(once.status()).isEqualTo(200);
        track(service.http(), key, "{\"external_id\":\"meta-1\",\"metadata\":{\"plan\":\"pro\"},\"messages\":["
                + message("user", "hi", T) + "]}");
        JsonNode conversation = InsightsFixture.conversation(service, "alice",
                once.json().path("conversation_id").asText());
        assertThat(conversation.path("metadata").path("app").asText()).isEqualTo("shop");
        assertThat(conversation.path("metadata").path("plan").asText()).isEqualTo("pro");
    }

    @Test
    void bad_input_is_400_naming_the_field() {
        Map<String, String> cases = Map.of(
                "{\"messages\":[" + message("user", "hi", T) + "]}", "external_id",
                "{\"external_id\":\"v\",\"messages\":[]}", "messages",
                "{\"external_id\":\"v\"}", "messages",
                body("v", message("user", "hi", T), message("robot", "hi", T)), "messages[1].role",
                body("v", "{\"role\":\"user\",\"content\":\"hi\",\"timestamp\":\"yesterday\"}"), "messages[0].timestamp",
                body("v", "{\"role\":\"user\",\"timestamp\":\"" + T + "\"}"), "messages[0].content",
                "{\"external_id\":\"v\",\"metadata\":[1],\"messages\":[" + message("user", "hi", T) + "]}", "metadata",
                "[1,2]", "body");
        cases.forEach((bad, field) -> {
            Http.Response refused = track(service.http(), key, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("validation_failed");
            assertThat(refused.json().path("error").path("message").asText()).as(bad).startsWith(field + ":");
        });
        Http.Response notJson = track(service.http(), key, "{nope");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.errorCode()).isEqualTo("invalid_json");
    }

    @Test
    void a_body_over_the_limit_is_413() {
        String huge = body("big", message("user", "x".repeat(1_100_000), T));
        // Expect: 100-continue, as TestErrorEnvelope does: the service answers 413 from the declared length without
        // reading the body, so a client already writing the megabyte may see the connection reset first (a CI run
        // failed that way under load: "header parser received no bytes").
        Http.Response refused = service.http().send(b -> b.expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(huge)).header("Content-Type", "application/json"),
                InsightsFixture.TRACK, "Authorization", "Bearer " + key);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.errorCode()).isEqualTo("payload_too_large");
    }

    @Test
    void an_explicit_end_marks_the_conversation_ended() {
        Http.Response once = track(service.http(), key, "{\"external_id\":\"end-1\",\"ended\":true,\"messages\":["
                + message("user", "bye", T) + "]}");
        assertThat(once.status()).isEqualTo(200);
        JsonNode conversation = InsightsFixture.conversation(service, "alice",
                once.json().path("conversation_id").asText());
        assertThat(conversation.path("ended_at").asText()).isEqualTo("2026-12-01T10:00:00Z");
    }

    @Test
    void each_key_has_its_own_rate_limit_answered_429_with_retry_after(@TempDir Path own) {
        // A user's limit of 1 a minute makes each key's 10 a minute.
        try (TestService limited = TestService.start(own, c -> c.withRateLimitPerMinute(1), List.of())) {
            String one = createKey(limited.http(), "bob");
            String conversation = body("rl", message("user", "hi", T));
            for (int i = 0; i < 10; i++) {
                assertThat(track(limited.http(), one, conversation).status()).as("request " + i).isEqualTo(200);
            }
            Http.Response refused = track(limited.http(), one, conversation);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);

            String other = createKey(limited.http(), "carl");
            assertThat(track(limited.http(), other, conversation).status()).as("another key").isEqualTo(200);
        }
    }
}
