package donna.backend;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.support.Http;
import donna.backend.support.Probes;
import donna.backend.support.TestService;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCors {
    private static final String ALLOWED = "https://app.example.com";
    private static final Probes probes = new Probes();
    private static TestService service;

    @BeforeAll
    static void start(@TempDir Path dir) {
        service = TestService.start(dir, c -> c.withAllowedOrigins(List.of(ALLOWED)), List.of(probes));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Http.Response preflight(String origin) {
        return service.http().send(b -> b.method("OPTIONS", HttpRequest.BodyPublishers.noBody()), "/api/me",
                "Origin", origin, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type");
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_204_with_the_allow_headers() {
        Http.Response response = preflight(ALLOWED);
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(response.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(response.header("Vary")).contains("Origin");
    }

    @Test
    void a_preflight_from_a_foreign_origin_is_403() {
        Http.Response response = preflight("https://evil.example.com");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("origin_forbidden");
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void a_foreign_origin_is_refused_before_any_handler_runs_even_with_valid_auth() {
        int before = probes.calls.get();
        String[] auth = internalAs("cors-user");
        Http.Response response = service.http().get("/api/probe/count", auth[0], auth[1], auth[2], auth[3],
                "Origin", "https://evil.example.com");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("origin_forbidden");
        assertThat(probes.calls.get()).isEqualTo(before);
        assertThat(service.http().get("/api/health", "Origin", "https://evil.example.com").status())
                .isEqualTo(403);
    }

    @Test
    void an_allowed_origin_gets_the_allow_origin_header_on_the_real_request() {
        Http.Response response = service.http().get("/api/health", "Origin", ALLOWED);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    }

    @Test
    void requests_without_origin_like_the_desktop_app_are_unaffected() {
        Http.Response response = service.http().get("/api/probe/count", internalAs("desktop"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }
}
