package donna.app.mail.cli;

import donna.core.api.BackendClient;
import donna.core.api.RetryPolicy;
import donna.core.mail.local.MailDatabase;
import donna.core.oauth.Browser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What the mail commands work with. {@link MailCommand#main} builds it for this machine; tests build one around a
 * temporary folder and a test service.
 *
 * @param dataDir        the data folder; the outbox is {@code <dataDir>/mail.db}
 * @param service        the companion service, reached only by the commands that need it
 * @param browser        opens the consent page (unless {@code --no-browser})
 * @param sleeper        waits out the outbox's pauses
 * @param connectTimeout how long {@code mail connect} waits for the browser
 */
public record CommandContext(Path dataDir, Service service, Browser browser, RetryPolicy.Sleeper sleeper, Clock clock,
                             Duration connectTimeout) {

    /** The companion service, started (bundled) or found (remote) on first use. */
    @FunctionalInterface
    public interface Service {
        BackendClient client() throws Exception;
    }

    Path mailDatabase() {
        return dataDir.resolve(MailDatabase.FILE_NAME);
    }
}
