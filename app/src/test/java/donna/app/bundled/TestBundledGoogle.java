package donna.app.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.config.BackendConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the bundled service finds Google: the environment, or demo mode's fake. */
class TestBundledGoogle {

    @Test
    void without_a_client_gmail_is_not_configured() {
        assertThat(BundledGoogle.fromEnvironment(Map.of("GOOGLE_CLIENT_ID", "id-only")).configured()).isFalse();
        assertThat(BundledGoogle.fromEnvironment(Map.of()).configured()).isFalse();
    }

    @Test
    void a_client_and_its_endpoints_come_from_the_environment() {
        BackendConfig.Google google = BundledGoogle.fromEnvironment(Map.of("GOOGLE_CLIENT_ID", " id ",
                "GOOGLE_CLIENT_SECRET", "secret", "GMAIL_ROOT_URL", "http://127.0.0.1:9999"));

        assertThat(google.configured()).isTrue();
        assertThat(google.clientId()).contains("id");
        assertThat(google.gmailRootUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(google.tokenUrl()).isEqualTo(BackendConfig.Google.defaults().tokenUrl());
    }

    @Test
    void a_gmail_root_with_a_trailing_slash_is_read_as_the_service_reads_it() {
        BackendConfig.Google google = BundledGoogle.fromEnvironment(Map.of("GOOGLE_CLIENT_ID", "id",
                "GOOGLE_CLIENT_SECRET", "secret", "GMAIL_ROOT_URL", "http://127.0.0.1:9999/"));

        assertThat(google.gmailRootUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(BundledGoogle.authUrl(Map.of())).isEqualTo(BackendConfig.Google.defaults().authUrl());
        assertThat(BundledGoogle.authUrl(Map.of("GOOGLE_AUTH_URL", "http://127.0.0.1:4000/auth")))
                .isEqualTo(URI.create("http://127.0.0.1:4000/auth"));
    }

    @Test
    void demo_mode_points_at_one_fake_on_loopback() throws Exception {
        try (DemoGoogle demo = new DemoGoogle()) {
            BackendConfig.Google google = demo.config();

            assertThat(google.configured()).isTrue();
            assertThat(google.gmailRootUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(demo.config()).as("one fake per run").isEqualTo(google);
        }
    }
}
