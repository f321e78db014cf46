package donna.backend;

import donna.backend.config.BackendConfig;
import donna.backend.config.ConfigException;
import donna.backend.config.ConfigLoader;
import donna.backend.db.DatabaseInUseException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the companion service in the foreground: {@code java -jar donna-backend.jar} or {@code ./donna backend}.
 * Exit codes: 2 for a configuration problem (one line naming the variable), 1 when the service cannot start.
 * SIGTERM stops it gracefully.
 */
public final class Main {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_CONFIG = 2;

    static {
        // The service's log layout, named so it never shadows the desktop app's logback.xml when both are bundled.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "donna-backend-logback.xml");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        BackendConfig config;
        try {
            config = ConfigLoader.fromEnvironment(Path.of("")).load();
        } catch (ConfigException e) {
            // One line, no stack trace: this is what an operator reads.
            System.err.println("donna-backend: configuration error: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        CompanionService service;
        try {
            service = CompanionService.start(config);
        } catch (DatabaseInUseException e) {
            System.err.println("donna-backend: " + e.getMessage());
            System.exit(EXIT_FAILURE);
            return;
        } catch (RuntimeException e) {
            log.error("Service failed to start: {}", describe(e));
            System.err.println("donna-backend: could not start: " + describe(e));
            System.exit(EXIT_FAILURE);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "donna-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The innermost cause's message: "port in use" says more than the wrappers around it. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }
}
