package donna.backend;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRateLimit {
    @Test
    void each_user_gets_their_own_allowance_and_then_429_with_retry_after(@TempDir Path dir) {
        try (TestService service = TestService.start(dir, c -> c.withRateLimitPerMinute(3), List.of())) {
            for (int i = 0; i < 3; i++) {
                assertThat(service.http().get("/api/me", internalAs("alice")).status()).isEqualTo(200);
            }
            Http.Response limited = service.http().get("/api/me", internalAs("alice"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.errorCode()).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);

            assertThat(service.http().get("/api/me", internalAs("bob")).status()).as("another user").isEqualTo(200);
        }
    }

    @Test
    void unauthenticated_callers_are_limited_per_ip_including_failed_logins(@TempDir Path dir) {
        try (TestService service = TestService.start(dir, c -> c.withRateLimitPerMinute(3), List.of())) {
            assertThat(service.http().get("/api/health").status()).isEqualTo(200);
            assertThat(service.http().get("/api/me", "Authorization", "Bearer wrong").status()).isEqualTo(401);
            assertThat(service.http().get("/api/me").status()).isEqualTo(401);
            Http.Response limited = service.http().get("/api/me", "Authorization", "Bearer guess");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotBlank();
            assertThat(service.http().get("/api/health").status()).isEqualTo(429);
        }
    }

    @Test
    void health_is_limited_whatever_its_detail_parameter_says(@TempDir Path dir) {
        try (TestService service = TestService.start(dir, c -> c.withRateLimitPerMinute(3), List.of())) {
            for (int i = 0; i < 3; i++) {
                assertThat(service.http().get("/api/health?detail=0").status()).isEqualTo(200);
            }
            for (String detail : List.of("0", "", "false", "no", "1")) {
                assertThat(service.http().get("/api/health?detail=" + detail).status()).as(detail).isEqualTo(429);
            }
            assertThat(service.http().get("/api/health").status()).isEqualTo(429);
        }
    }
}
