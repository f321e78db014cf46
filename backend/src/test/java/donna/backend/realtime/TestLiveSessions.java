package donna.backend.realtime;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.config.BackendConfig;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.standins.live.FakeLive;
import donna.standins.openai.FakeOpenAi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /api/voice/live/sessions (issue 16, GPT-Live) against a real service and the fake OpenAI's Live endpoint: the
 * service's key creates the session, the SDP goes both ways, the same gate, limit and budget as a Realtime mint.
 * The fake's peer answers a canned description here: the WebRTC itself is tested in the testkit and the app.
 */
class TestLiveSessions {
    private static final String APP_ORIGIN = "https://app.example.com";
    private static final String SERVER_KEY = "sk-server-key-live-never-leaves-0123456789";
    private static final String PATH = "/api/voice/live/sessions";
    private static final int PER_MINUTE = 3;
    private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final String ANSWER = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=fake-live-answer\r\nt=0 0\r\n";

    private static final FakeOpenAi openai = FakeOpenAi.start();
    private static TestService service;

    @BeforeAll
    static void start(@TempDir Path dir) {
        service = TestService.start(dir, c -> c.withAllowedOrigins(List.of(APP_ORIGIN))
                .withOpenAi(new BackendConfig.OpenAi(Optional.of(SERVER_KEY), openai.baseUrl(), "gpt-test",
                        "gpt-realtime-test", Duration.ofSeconds(3), new BackendConfig.Realtime("cedar", 60,
                        PER_MINUTE, 60, 2, BackendConfig.Relay.off()))), List.of());
    }

    @AfterAll
    static void stop() {
        service.close();
        openai.close();
    }

    @BeforeEach
    void clean() {
        openai.reset();
        live().projectKey(SERVER_KEY).peer((offer, conversation) -> ANSWER);
    }

    private static FakeLive live() {
        return openai.live();
    }

    private static Http.Response create(String body, String... headers) {
        return service.http().post(PATH, body, headers);
    }

    private static String offer(String extra) {
        return "{\"sdp\":" + json(OFFER) + extra + "}";
    }

    @Test
    void the_service_creates_the_session_with_its_own_key_and_answers_the_sdp() {
        Http.Response response = create(offer(",\"profile\":\"sales\""), internalAs("live-user"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("success").asBoolean()).isTrue();
        assertThat(json.path("sdp").asText()).isEqualTo(ANSWER);
        assertThat(json.path("live_session_id").asText()).startsWith("live_")
                .isEqualTo(live().conversations().getLast().sessionId());
        assertThat(json.path("donna_session_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.body()).doesNotContain(SERVER_KEY).doesNotContain("sk-");

        JsonNode request = live().requests().getLast();
        assertThat(request.path("transport").path("sdp").asText()).isEqualTo(OFFER);
        JsonNode session = request.path("session");
        assertThat(session.path("model").asText()).isEqualTo("gpt-live-1");
        assertThat(session.path("delegation").path("type").asText()).isEqualTo("client");
        assertThat(session.has("type")).as("Live's strict config has no Realtime fields").isFalse();
        assertThat(session.path("instructions").asText())
                .as("the registry's tools reach Live as what to delegate")
                .contains("- send_draft:", "- confirm_action:", "- list_leads:", "spoken yes");
    }

    @Test
    void an_account_without_live_access_is_403_live_unavailable_and_costs_no_voice_session() {
        live().denyAccess();

        Http.Response refused = create(offer(""), internalAs("no-live-user"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("live_unavailable");
        assertThat(refused.json().path("error").path("message").asText()).contains("GPT-Live", "Realtime");
        assertThat(refused.body()).doesNotContain(SERVER_KEY);
        // Refused sessions are discarded: the cap of 2 still lets two in.
        live().allowAccess();
        assertThat(create(offer(""), internalAs("no-live-user")).status()).isEqualTo(200);
        assertThat(create(offer(""), internalAs("no-live-user")).status()).isEqualTo(200);
    }

    @Test
    void without_auth_or_from_a_foreign_origin_nothing_is_created() {
        Http.Response none = create(offer(""));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.errorCode()).isEqualTo("unauthorized");

        String[] foreignHeaders = with(internalAs("origin-user"), "Origin", "https://evil.example.com");
        Http.Response foreign = create(offer(""), foreignHeaders);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.errorCode()).isEqualTo("origin_forbidden");
        assertThat(live().requests()).isEmpty();

        Http.Response allowed = create(offer(""), with(internalAs("origin-user"), "Origin", APP_ORIGIN));
        assertThat(allowed.status()).isEqualTo(200);
    }

    @Test
    void the_voice_cap_and_the_mints_rate_limit_apply_and_the_session_ends_like_a_realtime_one() {
        String first = create(offer(""), internalAs("busy-live")).json().path("donna_session_id").asText();
        assertThat(create(offer(""), internalAs("busy-live")).status()).isEqualTo(200);

        Http.Response capped = create(offer(""), internalAs("busy-live"));
        assertThat(capped.status()).isEqualTo(429);
        assertThat(capped.errorCode()).isEqualTo("voice_session_limit");

        assertThat(service.http().post("/api/realtime/sessions/" + first + "/end", "", internalAs("busy-live"))
                .status()).isEqualTo(200);
        Http.Response limited = create(offer(""), internalAs("busy-live"));
        assertThat(limited.status()).as("the 4th within the minute: the mints' limit, shared with Realtime")
                .isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(live().requests()).hasSize(2);
    }

    @Test
    void a_reconnect_continues_only_its_own_open_session() {
        String first = create(offer(""), internalAs("reconnecting-live")).json().path("donna_session_id").asText();
        String continuing = ",\"session_id\":\"" + first + "\"";

        assertThat(create(offer(continuing), internalAs("reconnecting-live")).json().path("donna_session_id")
                .asText()).as("the owner's reconnect: the same metered session").isEqualTo(first);
        String other = create(offer(continuing), internalAs("someone-else-live")).json().path("donna_session_id")
                .asText();
        assertThat(other).as("another person cannot continue it: they get their own").matches("[0-9a-f-]{36}")
                .isNotEqualTo(first);

        assertThat(service.http().post("/api/realtime/sessions/" + first + "/end", "",
                internalAs("reconnecting-live")).status()).isEqualTo(200);
        String after = create(offer(continuing), internalAs("reconnecting-live")).json().path("donna_session_id")
                .asText();
        assertThat(after).as("an ended session is not reopened: a new one").matches("[0-9a-f-]{36}")
                .isNotEqualTo(first).isNotEqualTo(other);
        assertThat(create(offer(",\"session_id\":\"not-a-uuid\""), internalAs("bad-continuing-live"))
                .errorCode()).isEqualTo("validation_failed");
    }

    @Test
    void bad_bodies_are_400_before_openai_is_asked() {
        assertThat(create("{}", internalAs("bad-live")).errorCode()).isEqualTo("validation_failed");
        assertThat(create("{\"sdp\":\"hello\"}", internalAs("bad-live")).errorCode()).isEqualTo("validation_failed");
        assertThat(create(offer(",\"profile\":\"pirate\""), internalAs("bad-live")).errorCode())
                .isEqualTo("validation_failed");
        assertThat(create("{not json", internalAs("bad-live")).errorCode()).isEqualTo("invalid_json");
        assertThat(live().requests()).isEmpty();
    }

    @Test
    void openai_refusing_otherwise_is_502_and_the_key_is_never_echoed() {
        live().projectKey("sk-some-other-project-000000000000");

        Http.Response refused = create(offer(""), internalAs("rejected-live"));

        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.errorCode()).isEqualTo("upstream_rejected");
        assertThat(refused.body()).doesNotContain(SERVER_KEY);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n")
                + "\"";
    }

    private static String[] with(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }
}
