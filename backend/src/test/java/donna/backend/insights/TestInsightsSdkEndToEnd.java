package donna.backend.insights;

import static donna.backend.insights.InsightsFixture.createKey;
import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.TestService;
import donna.sdk.Conversation;
import donna.sdk.Stats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An outside app's conversation sent through the SDK (module {@code sdk}) to the real service, then read back scored. */
class TestInsightsSdkEndToEnd {
    private static final Instant T = Instant.parse("2026-12-02T09:00:00Z");

    @TempDir
    static Path dir;
    static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(dir);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static donna.sdk.Insights.Builder sdk(String key) {
        return donna.sdk.Insights.builder().apiKey(key).baseUrl(service.service().baseUri());
    }

    @Test
    void a_conversation_sent_through_the_sdk_is_stored_scored_and_only_its_owner_sees_it() {
        String key = createKey(service.http(), "sdk-alice");
        try (donna.sdk.Insights insights = sdk(key).build()) {
            insights.track(Conversation.builder("sdk-e2e-1").metadata("app", "support-bot")
                    .user("Where is my order?", T)
                    .assistant("Something went wrong, please try again.", T.plusSeconds(2)).build());
            // The conversation grows: sent again whole, with more; only the new message is added.
            insights.track(Conversation.builder("sdk-e2e-1")
                    .user("Where is my order?", T)
                    .assistant("Something went wrong, please try again.", T.plusSeconds(2))
                    .user("That's not what I asked.", T.plusSeconds(10)).ended(true).build());
            assertThat(insights.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(insights.stats()).isEqualTo(new Stats(2, 2, 0, 0, 0, 0));
        }

        JsonNode listed = service.http().get("/api/v1/conversations?q=sdk-e2e-1", internalAs("sdk-alice")).json();
        assertThat(listed.path("conversations")).hasSize(1);
        String id = listed.path("conversations").get(0).path("id").asText();
        InsightsFixture.pipelineUntil(service, "the SDK's conversation scored",
                () -> !InsightsFixture.conversation(service, "sdk-alice", id).path("scored_at").isNull());

        JsonNode conversation = InsightsFixture.conversation(service, "sdk-alice", id);
        assertThat(conversation.path("source").asText()).isEqualTo("api");
        assertThat(conversation.path("message_count").asInt()).isEqualTo(3);
        assertThat(conversation.path("metadata").path("app").asText()).isEqualTo("support-bot");
        assertThat(conversation.path("ended_at").isNull()).isFalse();
        assertThat(conversation.path("health_score").asInt()).isLessThan(100);
        List<String> kinds = new ArrayList<>();
        service.http().get("/api/v1/conversations/" + id + "/failures", internalAs("sdk-alice")).json()
                .path("failures").forEach(f -> kinds.add(f.path("kind").asText()));
        assertThat(kinds).contains("assistant_error", "user_frustration");

        assertThat(service.http().get("/api/v1/conversations/" + id, internalAs("sdk-bob")).status())
                .isEqualTo(404);
    }

    @Test
    void a_revoked_key_fails_at_once_without_retries() {
        String key = createKey(service.http(), "sdk-carol");
        String keyId = service.http().get("/api/v1/api-keys", internalAs("sdk-carol")).json().path("api_keys")
                .get(0).path("id").asText();
        assertThat(InsightsFixture.send(service.http(), "DELETE", "/api/v1/api-keys/" + keyId, null,
                internalAs("sdk-carol")).status()).isBetween(200, 204);
        try (donna.sdk.Insights insights = sdk(key).build()) {
            insights.track(Conversation.builder("sdk-revoked").user("hello", T).build());
            assertThat(insights.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(insights.stats()).isEqualTo(new Stats(1, 0, 1, 0, 0, 0));
            assertThat(insights.lastError()).startsWith("HTTP 401").doesNotContain(key);
        }
    }
}
