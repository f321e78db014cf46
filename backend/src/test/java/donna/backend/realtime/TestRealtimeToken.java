package donna.backend.realtime;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.config.BackendConfig;
import donna.backend.config.ConfigException;
import donna.backend.config.ConfigLoader;
import donna.backend.support.Http;
import donna.backend.support.LogCapture;
import donna.backend.support.TestService;
import donna.testkit.clerk.FakeClerk;
import donna.standins.openai.Endpoint;
import donna.standins.openai.FakeOpenAi;
import donna.standins.openai.Failure;
import donna.standins.openai.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/realtime/token against a real service, the fake OpenAI and a fake Clerk. */
class TestRealtimeToken {
    private static final String APP_ORIGIN = "https://app.example.com";
    private static final String SERVER_KEY = "sk-server-key-never-leaves-0123456789";
    private static final String PATH = "/api/realtime/token";
    private static final int TTL = 120;
    private static final int PER_MINUTE = 3;

    private static final FakeOpenAi openai = FakeOpenAi.start();
    private static FakeClerk clerk;
    private static TestService service;

    @BeforeAll
    static void start(@TempDir Path dir) {
        clerk = FakeClerk.start();
        openai.requireApiKey(SERVER_KEY);
        service = TestService.start(dir, c -> c.withAllowedOrigins(List.of(APP_ORIGIN))
                .withClerk(Optional.of(new BackendConfig.Clerk(clerk.jwksUrl(), clerk.issuer(), List.of(APP_ORIGIN),
                        Optional.of(FakeClerk.DEFAULT_OAUTH_CLIENT_ID))))
                .withOpenAi(new BackendConfig.OpenAi(Optional.of(SERVER_KEY), openai.baseUrl(), "gpt-test",
                        "gpt-realtime-test", Duration.ofSeconds(3),
                        new BackendConfig.Realtime("cedar", TTL, PER_MINUTE))), List.of());
    }

    @AfterAll
    static void stop() {
        service.close();
        clerk.close();
        openai.close();
    }

    @BeforeEach
    void clean() {
        openai.reset();
        openai.requireApiKey(SERVER_KEY);
    }

    private static Http.Response token(String body, String... headers) {
        return service.http().post(PATH, body, headers);
    }

    @Test
    void an_internal_caller_acting_for_a_user_gets_a_short_lived_secret_for_the_realtime_model() {
        Http.Response response = token("", internalAs("token-user"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("success").asBoolean()).isTrue();
        assertThat(json.path("client_secret").path("value").asText()).startsWith("ek_")
                .isEqualTo(openai.realtime().lastSecret().value());
        long expiresAt = json.path("client_secret").path("expires_at").asLong();
        assertThat(expiresAt - Instant.now().getEpochSecond()).isBetween(TTL - 5L, (long) TTL);
        assertThat(json.path("model").asText()).isEqualTo("gpt-realtime-test");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void the_secret_is_minted_with_the_server_key_and_the_users_profile_memory_and_push_to_talk() {
        service.http().send(b -> b.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"key\":\"name\",\"value\":\"Ada\"}")).header("Content-Type", "application/json"),
                "/api/memory", internalAs("profile-user"));

        assertThat(token("{\"profile\":\"sales\"}", internalAs("profile-user")).status()).isEqualTo(200);

        RecordedRequest mint = openai.lastRequest(Endpoint.CLIENT_SECRETS);
        assertThat(mint.authorization()).isEqualTo("Bearer " + SERVER_KEY);
        JsonNode body = mint.body();
        assertThat(body.path("expires_after").path("anchor").asText()).isEqualTo("created_at");
        assertThat(body.path("expires_after").path("seconds").asInt()).isEqualTo(TTL);
        JsonNode session = body.path("session");
        assertThat(session.path("type").asText()).isEqualTo("realtime");
        assertThat(session.path("model").asText()).isEqualTo("gpt-realtime-test");
        assertThat(session.path("audio").path("output").path("voice").asText()).isEqualTo("cedar");
        assertThat(session.path("audio").path("input").get("turn_detection").isNull()).as("push-to-talk").isTrue();
        assertThat(session.path("audio").path("input").path("transcription").path("model").asText()).isNotBlank();
        // The tool registry's tools, in the Realtime function format; the app runs them via /api/tools/call.
        assertThat(session.path("tool_choice").asText()).isEqualTo("auto");
        assertThat(session.path("tools")).hasSize(15).allSatisfy(t -> assertThat(t.path("type").asText())
                .isEqualTo("function"));
        assertThat(session.path("tools").valueStream().map(t -> t.path("name").asText()))
                .as("issue 14's tools reach voice from the registry").contains("classify_lead", "list_leads",
                        "take_message");
        JsonNode send = session.path("tools").valueStream().filter(t -> t.path("name").asText().equals("send_draft"))
                .findFirst().orElseThrow();
        assertThat(send.path("parameters").path("required").get(0).asText()).isEqualTo("draft_id");
        assertThat(session.path("instructions").asText()).contains("confirm_action", "yes");
        assertThat(session.path("instructions").asText()).contains(donnaProfileText("sales"))
                .contains("name: \"Ada\"").contains("You are speaking with the user");
    }

    @Test
    void a_clerk_user_gets_a_secret_too() {
        Http.Response response = token("", "Authorization", "Bearer "
                + clerk.accessToken().subject("user_voice").sign());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("client_secret").path("value").asText()).startsWith("ek_");
    }

    @Test
    void without_auth_it_is_401_and_nothing_is_minted() {
        Http.Response none = token("");
        Http.Response wrong = token("", "Authorization", "Bearer not-the-secret");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.errorCode()).isEqualTo("unauthorized");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(openai.requests(Endpoint.CLIENT_SECRETS)).isEmpty();
    }

    @Test
    void a_foreign_origin_is_403_and_an_allowed_one_passes_with_cors_headers() {
        Http.Response foreign = token("", with(internalAs("origin-user"), "Origin", "https://evil.example.com"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.errorCode()).isEqualTo("origin_forbidden");
        assertThat(openai.requests(Endpoint.CLIENT_SECRETS)).isEmpty();

        Http.Response allowed = token("", with(internalAs("origin-user"), "Origin", APP_ORIGIN));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP_ORIGIN);

        Http.Response preflight = service.http().send(b -> b.method("OPTIONS",
                java.net.http.HttpRequest.BodyPublishers.noBody()), PATH, "Origin", APP_ORIGIN,
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.status()).isEqualTo(204);
    }

    @Test
    void its_own_stricter_rate_limit_answers_429_with_retry_after() {
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(token("", internalAs("busy-user")).status()).isEqualTo(200);
        }
        Http.Response limited = token("", internalAs("busy-user"));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(openai.requests(Endpoint.CLIENT_SECRETS)).hasSize(PER_MINUTE);
        assertThat(service.http().get("/api/me", internalAs("busy-user")).status())
                .as("the general limit is separate").isEqualTo(200);
        assertThat(token("", internalAs("calm-user")).status()).as("another user").isEqualTo(200);
    }

    @Test
    void openai_down_is_503_and_a_refused_mint_is_502_in_the_envelope() {
        openai.failNext(Endpoint.CLIENT_SECRETS, 10, Failure.serverError());
        Http.Response down = token("", internalAs("outage-user"));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.errorCode()).isEqualTo("upstream_unavailable");
        assertThat(down.body()).doesNotContain("at donna.");

        openai.reset();
        openai.requireApiKey("sk-some-other-key-000000000000");
        Http.Response refused = token("", internalAs("outage-user-2"));
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.errorCode()).isEqualTo("upstream_rejected");
        assertThat(refused.body()).doesNotContain(SERVER_KEY);
    }

    @Test
    void bad_bodies_are_400() {
        assertThat(token("{\"profile\":\"pirate\"}", internalAs("bad-user")).errorCode())
                .isEqualTo("validation_failed");
        assertThat(token("{not json", internalAs("bad-user")).errorCode()).isEqualTo("invalid_json");
        assertThat(openai.requests(Endpoint.CLIENT_SECRETS)).isEmpty();
    }

    @Test
    void neither_the_secret_nor_the_server_key_is_ever_logged_but_every_mint_is() {
        String secret;
        try (LogCapture logs = new LogCapture()) {
            Http.Response ok = token("", internalAs("log-user"));
            secret = ok.json().path("client_secret").path("value").asText();
            openai.failNext(Endpoint.CLIENT_SECRETS, 10, Failure.serverError());
            token("", internalAs("log-user"));

            List<String> lines = logs.lines();
            assertThat(secret).startsWith("ek_");
            assertThat(lines).noneMatch(line -> line.contains(secret)).noneMatch(line -> line.contains(SERVER_KEY))
                    .noneMatch(line -> line.contains("ek_"));
            assertThat(lines).anyMatch(line -> line.contains("Minted a realtime client secret for user:log-user"));
        }
    }

    @Test
    void the_token_lifetime_is_validated_at_start_up() {
        Map<String, String> env = Map.of("API_SECRET", TestService.SECRET, "REALTIME_TOKEN_TTL_SECONDS", "5");
        assertThatThrownBy(() -> new ConfigLoader(env).load()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("REALTIME_TOKEN_TTL_SECONDS").hasMessageContaining("10 to 7200");

        BackendConfig.Realtime loaded = new ConfigLoader(Map.of("API_SECRET", TestService.SECRET,
                "REALTIME_TOKEN_TTL_SECONDS", "300", "REALTIME_RATE_LIMIT_PER_MINUTE", "4")).load().openai().realtime();
        assertThat(loaded.tokenTtlSeconds()).isEqualTo(300);
        assertThat(loaded.rateLimitPerMinute()).isEqualTo(4);
        assertThat(new ConfigLoader(Map.of("API_SECRET", TestService.SECRET)).load().openai().realtime())
                .isEqualTo(BackendConfig.Realtime.defaults());
        assertThat(BackendConfig.Realtime.defaults().tokenTtlSeconds()).isEqualTo(60);
    }

    private static String donnaProfileText(String profile) {
        try (var in = TestRealtimeToken.class.getResourceAsStream("/donna/backend/chat/profiles/" + profile + ".md")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip().lines().findFirst()
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String[] with(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }
}
