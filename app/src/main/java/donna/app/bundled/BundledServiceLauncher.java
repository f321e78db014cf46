package donna.app.bundled;

import donna.app.common.OwnerOnlyFile;
import donna.app.connection.ServiceEndpoint;
import donna.app.connection.ServiceLauncher;
import donna.backend.config.BackendConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bundled mode: the companion service on loopback with the embedded database in the data folder, called with a
 * per-install random secret kept in {@code <data>/api-secret} (owner-only).
 */
public final class BundledServiceLauncher implements ServiceLauncher {
    private static final Logger log = LoggerFactory.getLogger(BundledServiceLauncher.class);

    /**
     * The bundled service answers only this app (loopback, per-install secret), so its per-user request limit
     * protects nothing; at the shared service's default of 60 it held the outbox to 60 sends a minute, well under
     * Gmail's 150 (docs/performance.md). Gmail's quota is paced by the service itself.
     */
    static final int REQUESTS_PER_MINUTE = 6_000;

    private final Path dataDir;
    private final Supplier<BackendConfig.OpenAi> openAi;
    private final Supplier<BackendConfig.Google> google;
    private final CompanionStarter starter;
    private RunningCompanion running;

    /** @param openAi asked at start, so a key saved in Settings before the service starts is used */
    public BundledServiceLauncher(Path dataDir, Supplier<BackendConfig.OpenAi> openAi, CompanionStarter starter) {
        this(dataDir, openAi, BackendConfig.Google::defaults, starter);
    }

    /** @param google asked at start too: Google's OAuth client and Gmail's address (the fake one in demo mode) */
    public BundledServiceLauncher(Path dataDir, Supplier<BackendConfig.OpenAi> openAi,
                                  Supplier<BackendConfig.Google> google, CompanionStarter starter) {
        this.dataDir = dataDir;
        this.openAi = openAi;
        this.google = google;
        this.starter = starter;
    }

    @Override
    public synchronized ServiceEndpoint start() throws Exception {
        String secret = apiSecret(dataDir);
        BackendConfig config = BackendConfig.loopback(dataDir.resolve("service"), secret).withOpenAi(openAi.get())
                .withGoogle(google.get()).withRateLimitPerMinute(REQUESTS_PER_MINUTE)
                .withFootprint(BackendConfig.Footprint.DESKTOP);
        log.info("Starting the bundled service: {}", config);
        running = starter.start(config);
        return new ServiceEndpoint(running.baseUri(), secret);
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** The install's secret, made on first use: 32 random bytes, URL-safe Base64. */
    static String apiSecret(Path dataDir) {
        OwnerOnlyFile file = new OwnerOnlyFile(dataDir.resolve("api-secret"));
        return file.read().orElseGet(() -> {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            file.write(secret);
            return secret;
        });
    }
}
