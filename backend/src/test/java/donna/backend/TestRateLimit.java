package donna.backend;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.config.BackendConfig;
import donna.backend.support.Http;
import donna.backend.support.SharedPostgres;
import donna.backend.support.TestService;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

    /**
     * A shared deployment: two instances behind one address, one database. The limit holds across them (each
     * instance alone would have let 3 + 3 through); scheduled work running once across instances is
     * {@code TestAutopilot}'s two schedulers on one database.
     */
    @Test
    void two_instances_on_one_database_share_each_callers_allowance(@TempDir Path dir) {
        String database = SharedPostgres.newDatabase();
        BackendConfig base = BackendConfig.loopback(dir, TestService.SECRET);
        BackendConfig config = new BackendConfig(base.host(), 0, Optional.of(database), Optional.empty(),
                Optional.empty(), dir, TestService.SECRET, List.of(), Optional.empty(), 3, base.maxBodyBytes(), false,
                "", base.openai(), base.google());
        try (CompanionService first = CompanionService.start(config);
                CompanionService second = CompanionService.start(config)) {
            List<Http> instances = List.of(new Http(first.baseUri()), new Http(second.baseUri()));
            for (int i = 0; i < 3; i++) {
                assertThat(instances.get(i % 2).get("/api/me", internalAs("carol")).status()).isEqualTo(200);
            }
            for (Http instance : instances) {
                Http.Response limited = instance.get("/api/me", internalAs("carol"));
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.header("Retry-After")).isNotBlank();
            }
            assertThat(instances.get(1).get("/api/me", internalAs("dave")).status()).isEqualTo(200);
        }
    }

    @Test
    void the_desktop_service_keeps_its_buckets_in_memory(@TempDir Path dir) {
        try (TestService service = TestService.start(dir,
                c -> c.withRateLimitPerMinute(2).withFootprint(BackendConfig.Footprint.DESKTOP), List.of())) {
            assertThat(service.http().get("/api/me", internalAs("erin")).status()).isEqualTo(200);
            assertThat(service.http().get("/api/me", internalAs("erin")).status()).isEqualTo(200);
            assertThat(service.http().get("/api/me", internalAs("erin")).status()).isEqualTo(429);
            int rows = service.service().database().jdbi().withHandle(h -> h.createQuery(
                    "select count(*) from rate_limit_buckets").mapTo(Integer.class).one());
            assertThat(rows).isZero();
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

    /**
     * Hardening finding 7: behind TRUST_PROXY the limit followed the leftmost X-Forwarded-For entry, which the client
     * writes: a new made-up address per request escaped every per-IP limit. Only hops the proxies added count.
     */
    @Test
    void behind_one_proxy_a_client_cannot_escape_its_limit_by_inventing_forwarded_addresses(@TempDir Path dir) {
        try (TestService service = TestService.start(dir,
                c -> c.withRateLimitPerMinute(3).withTrustedProxyHops(1), List.of())) {
            for (int i = 0; i < 3; i++) {
                assertThat(service.http().get("/api/health", "X-Forwarded-For", "198.51.100." + i + ", 203.0.113.7")
                        .status()).isEqualTo(200);
            }
            assertThat(service.http().get("/api/health", "X-Forwarded-For", "198.51.100.99, 203.0.113.7").status())
                    .as("the address the proxy added is the client's, whatever precedes it").isEqualTo(429);
            assertThat(service.http().get("/api/health", "X-Forwarded-For", "203.0.113.8").status())
                    .as("another client behind the same proxy").isEqualTo(200);
        }
    }

    @Test
    void the_client_is_the_entry_the_outermost_trusted_proxy_added() {
        assertThat(donna.backend.auth.AuthGateAccess.clientIp("1.1.1.1, 2.2.2.2, 3.3.3.3", "10.0.0.9", 2))
                .isEqualTo("2.2.2.2");
        assertThat(donna.backend.auth.AuthGateAccess.clientIp("3.3.3.3", "10.0.0.9", 2)).as("shorter than the proxies")
                .isEqualTo("10.0.0.9");
        assertThat(donna.backend.auth.AuthGateAccess.clientIp("1.1.1.1", "10.0.0.9", 0)).as("no proxy trusted")
                .isEqualTo("10.0.0.9");
    }
}
