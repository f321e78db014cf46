package donna.backend;

import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.config.BackendConfig;
import donna.backend.support.TestService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestHsts {
    @Test
    void hsts_is_sent_when_a_trusted_proxy_terminated_tls(@TempDir Path dir) {
        try (TestService service = TestService.start(dir, c -> new BackendConfig(c.host(), c.port(), c.databaseUrl(),
                c.databaseUser(), c.databasePassword(), c.dataDir(), c.apiSecret(), c.allowedOrigins(), c.clerk(),
                c.rateLimitPerMinute(), c.maxBodyBytes(), true, c.sentryDsn(), c.openai(), c.google()), List.of())) {
            assertThat(service.http().get("/api/health", "X-Forwarded-Proto", "https")
                    .header("Strict-Transport-Security")).contains("max-age=");
            assertThat(service.http().get("/api/health").header("Strict-Transport-Security")).isNull();
        }
    }
}
