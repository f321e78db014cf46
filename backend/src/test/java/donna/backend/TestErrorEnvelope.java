package donna.backend;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.support.Http;
import donna.backend.support.Probes;
import donna.backend.support.TestService;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestErrorEnvelope {
    private static final Probes probes = new Probes();
    private static TestService service;
    private static final String[] AUTH = internalAs("envelope-user");

    @BeforeAll
    static void start(@TempDir Path dir) {
        service = TestService.start(dir, c -> c, List.of(probes));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void an_unknown_route_is_404_in_the_envelope() {
        Http.Response response = service.http().get("/api/no-such-thing", AUTH);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found");
        assertThat(service.http().get("/not-api").status()).isEqualTo(404);
    }

    @Test
    void a_wrong_method_is_405_in_the_envelope() {
        Http.Response response = service.http().post("/api/me", "{}", AUTH);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.errorCode()).isEqualTo("method_not_allowed");
    }

    @Test
    void malformed_json_is_400_invalid_json() {
        Http.Response response = service.http().post("/api/probe/json", "{\"message\": ", AUTH);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_json");
        assertThat(service.http().post("/api/probe/json", "{\"ok\":1}", AUTH).json().path("echo").path("ok")
                .asInt()).isEqualTo(1);
    }

    @Test
    void a_body_over_one_mebibyte_is_413_whether_declared_or_streamed() {
        String big = "{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}";
        // Expect: 100-continue, as a careful client sends it: the service answers 413 from the declared length and
        // closes without reading the body, so a client already writing the megabyte may see the connection reset
        // before it reads the answer (this test failed that way under load).
        Http.Response declared = service.http().send(b -> b.expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(big)).header("Content-Type", "application/json"),
                "/api/probe/json", AUTH);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.errorCode()).isEqualTo("payload_too_large");

        Http.Response chunked = service.http().send(b -> b.POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big.getBytes()))).header("Content-Type", "application/json"),
                "/api/probe/json", AUTH);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.errorCode()).isEqualTo("payload_too_large");
    }

    @Test
    void an_unexpected_failure_is_a_generic_500_without_internals() {
        Http.Response response = service.http().get("/api/probe/boom", AUTH);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.errorCode()).isEqualTo("internal_error");
        assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException")
                .doesNotContain("at donna.");
    }

    @Test
    void every_response_carries_security_headers_and_a_trace_id() {
        for (Http.Response response : List.of(service.http().get("/api/health"), service.http().get("/api/me"),
                service.http().get("/api/me", AUTH))) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
            assertThat(response.header("X-Trace-Id")).matches("[0-9a-f]{16}");
            assertThat(response.header("Strict-Transport-Security")).as("plain HTTP, no proxy").isNull();
            assertThat(response.header("Server")).isNull();
        }
    }

    @Test
    void health_is_public_and_its_detail_needs_auth() {
        Http.Response health = service.http().get("/api/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("ok").asBoolean()).isTrue();
        assertThat(health.json().path("service").asText()).isEqualTo("donna-api");
        assertThat(health.json().path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(health.json().has("database")).isFalse();

        assertThat(service.http().get("/api/health?detail=1").status()).isEqualTo(401);
        Http.Response detail = service.http().get("/api/health?detail=1", AUTH);
        assertThat(detail.json().path("database").path("ok").asBoolean()).isTrue();
        assertThat(detail.json().path("database").path("migration").asText()).isNotEqualTo("none");
    }
}
