package donna.backend.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.standins.openai.Failure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenAI failing in every way it does: retried within bounds, then a clear error, and nothing half-written. */
class TestChatUpstreamFailures {
    private static ChatFixture fx;

    @BeforeAll
    static void start(@TempDir Path dir) {
        fx = new ChatFixture(dir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void resetFake() {
        fx.openAi.reset();
    }

    private static int sessionsOf(String user) {
        return fx.count("select count(*) from chat_sessions s join users u on u.id = s.user_id where u.clerk_id = '"
                + user + "'");
    }

    @Test
    void a_429_then_success_is_retried_into_a_normal_reply() {
        fx.openAi.failNext(1, Failure.rateLimited(Duration.ofMillis(100))).replyWith("Made it.");
        Http.Response response = fx.chat("retry-user", "{\"message\":\"hello\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("reply").asText()).isEqualTo("Made it.");
    }

    @Test
    void persistent_5xx_is_503_with_the_envelope_and_nothing_is_stored() {
        fx.openAi.failNext(10, Failure.serverError());
        Http.Response response = fx.chat("down-user", "{\"message\":\"hello\"}");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.errorCode()).isEqualTo("upstream_unavailable");
        assertThat(sessionsOf("down-user")).isZero();
    }

    @Test
    void a_slow_upstream_is_a_timeout_not_a_hang() {
        fx.openAi.firstByteLatency(Duration.ofSeconds(30));
        Http.Response response = fx.chat("slow-user", "{\"message\":\"hello\"}");
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.errorCode()).isEqualTo("upstream_timeout");
        assertThat(sessionsOf("slow-user")).isZero();
    }

    @Test
    void a_stream_dropped_midway_ends_with_an_error_event_and_stores_nothing() throws Exception {
        fx.openAi.failNext(1, Failure.dropMidStream());
        Http.Response response = fx.http().post("/api/chat", "{\"message\":\"hello\"}", "Authorization",
                "Bearer " + TestService.SECRET, "X-Donna-User", "drop-user", "Accept", "text/event-stream");
        List<ChatFixture.Event> events = ChatFixture.events(response.body());
        assertThat(events).isNotEmpty();
        assertThat(events.getFirst().name()).isEqualTo("delta");
        assertThat(events.getLast().name()).isEqualTo("error");
        assertThat(new ObjectMapper().readTree(events.getLast().data()).path("error").path("code").asText())
                .isEqualTo("upstream_unavailable");
        assertThat(sessionsOf("drop-user")).isZero();
    }

    @Test
    void moderation_being_down_does_not_stop_chat() {
        fx.openAi.failNext(donna.standins.openai.Endpoint.MODERATIONS, 10, Failure.serverError()).replyWith("Still here.");
        Http.Response response = fx.chat("modless-user", "{\"message\":\"hello\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("reply").asText()).isEqualTo("Still here.");
    }
}
