package donna.app.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.connection.ServiceEndpoint;
import donna.backend.config.BackendConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the bundled service is started with: loopback, the install's secret, sized for one person. */
class TestBundledServiceLauncher {

    @Test
    void the_bundled_service_is_a_one_person_loopback_service_in_the_data_folder(@TempDir Path data)
            throws Exception {
        AtomicReference<BackendConfig> started = new AtomicReference<>();
        CompanionStarter starter = config -> {
            started.set(config);
            return new RunningCompanion() {
                @Override
                public URI baseUri() {
                    return URI.create("http://127.0.0.1:1234");
                }

                @Override
                public void close() {
                }
            };
        };
        BundledServiceLauncher launcher = new BundledServiceLauncher(data, BackendConfig.OpenAi::defaults, starter);

        ServiceEndpoint endpoint = launcher.start();

        BackendConfig config = started.get();
        assertThat(config.footprint()).isEqualTo(BackendConfig.Footprint.DESKTOP);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.databaseUrl()).as("the embedded database").isEmpty();
        assertThat(config.dataDir()).isEqualTo(data.resolve("service"));
        assertThat(config.rateLimitPerMinute()).isEqualTo(BundledServiceLauncher.REQUESTS_PER_MINUTE);
        assertThat(endpoint.apiSecret()).isEqualTo(config.apiSecret()).isEqualTo(BundledServiceLauncher.apiSecret(data));
    }
}
