package donna.backend;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.config.BackendConfig;
import donna.backend.support.Http;
import donna.backend.support.Probes;
import donna.backend.support.TestService;
import donna.testkit.sentry.FakeSentry;
import io.sentry.Sentry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors reach the team: with SENTRY_DSN set, every 5xx the service answers goes to Sentry with release,
 * environment and the trace id the client saw, and nothing personal (the exception's message, the request, the
 * caller, the host name) leaves.
 */
class TestErrorReports {

    private static BackendConfig withDsn(BackendConfig c, String dsn) {
        return new BackendConfig(c.host(), c.port(), c.databaseUrl(), c.databaseUser(), c.databasePassword(),
                c.dataDir(), c.apiSecret(), c.allowedOrigins(), c.clerk(), c.rateLimitPerMinute(), c.maxBodyBytes(),
                c.trustForwardedProto(), dsn, c.openai(), c.google());
    }

    @Test
    void a_500_is_reported_with_its_trace_id_and_without_personal_data(@TempDir Path dir) {
        try (FakeSentry sentry = FakeSentry.start();
                TestService service = TestService.start(dir, c -> withDsn(c, sentry.dsn()), List.of(new Probes()))) {
            Http.Response boom = service.http().get("/api/probe/boom?to=ann%40example.com",
                    internalAs("reporter"));
            assertThat(boom.status()).isEqualTo(500);
            String traceId = boom.json().path("error").path("traceId").asText();
            Http.Response fine = service.http().get("/api/memory", internalAs("reporter"));
            assertThat(fine.status()).isEqualTo(200);
            Sentry.flush(10_000);

            List<JsonNode> events = sentry.events();
            assertThat(events).hasSize(1);
            JsonNode event = events.getFirst();
            assertThat(event.path("tags").path("trace_id").asText()).isEqualTo(traceId);
            assertThat(event.path("tags").path("error.code").asText()).isEqualTo("internal_error");
            assertThat(event.path("tags").path("route").asText()).isEqualTo("GET /api/probe/boom");
            assertThat(event.path("release").asText()).startsWith("donna-backend@");
            assertThat(event.path("environment").asText()).isEqualTo("server");
            assertThat(event.path("exception").path("values").get(0).path("type").asText())
                    .isEqualTo("IllegalStateException");
            String raw = String.join("\n", sentry.envelopes());
            assertThat(raw).doesNotContain("hunter2", "ann@example.com", "ann%40example.com", "reporter",
                    TestService.SECRET, "X-Donna-User");
            assertThat(event.has("request")).isFalse();
            assertThat(event.has("user")).isFalse();
            assertThat(event.has("server_name")).isFalse();
        }
        assertThat(Sentry.isEnabled()).as("the service that started reporting stopped it").isFalse();
    }

    @Test
    void an_uncaught_error_anywhere_in_the_process_is_reported_without_its_message() throws Exception {
        try (FakeSentry sentry = FakeSentry.start()) {
            assertThat(ErrorReportsAccess.start(sentry.dsn())).isTrue();
            try {
                Thread crashing = new Thread(() -> {
                    throw new IllegalArgumentException("could not send to bob@example.com: token ya29.secret");
                }, "crashing");
                crashing.start();
                crashing.join();
                Sentry.flush(10_000);
                assertThat(sentry.events()).hasSize(1);
                JsonNode exception = sentry.events().getFirst().path("exception").path("values").get(0);
                assertThat(exception.path("type").asText()).isEqualTo("IllegalArgumentException");
                assertThat(exception.path("mechanism").path("handled").asBoolean(true)).isFalse();
                assertThat(String.join("\n", sentry.envelopes())).doesNotContain("bob@example.com", "ya29.secret");
            } finally {
                donna.backend.http.ErrorReports.stop(1_000);
            }
        }
    }

    /** The app's call: one Sentry for the process, release and environment of the desktop. */
    private static final class ErrorReportsAccess {
        static boolean start(String dsn) {
            return donna.backend.http.ErrorReports.start(dsn, "donna-app@test", "desktop");
        }
    }
}
