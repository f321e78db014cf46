package donna.app;

import donna.app.launch.Launch;
import donna.app.launch.LaunchOptions;
import donna.app.launch.LogSetup;
import donna.app.launch.SingleInstance;
import donna.app.launch.SmokeRun;
import donna.backend.Version;
import donna.backend.config.UserFolders;
import donna.backend.http.ErrorReports;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the desktop app. Before JavaFX starts: the folders (and so the log file), one instance per user
 * (a second launch brings the first window forward and exits 0). A smoke run's figures, as they come.
 */
public final class Main {
    /** Read by {@link LogSetup}: where the log file goes. */
    public static final String LOG_DIR_PROPERTY = LogSetup.LOG_DIR_PROPERTY;

    private Main() {}

    public static void main(String[] args) {
        Instant mainStarted = Instant.now();
        Duration mainCpu = Launch.cpuNow();
        LaunchOptions options = LaunchOptions.parse(List.of(args));
        // Owner-only from the start: the saved inbox, the outbox, settings and logs are nobody else's.
        UserFolders folders = UserFolders.forThisMachine(System.getenv()).secured();
        // Before the first logger exists: logback reads it while it configures itself.
        System.setProperty(LOG_DIR_PROPERTY, folders.logs().toString());
        // Configuring logback takes tens of ms of CPU: on its own thread, beside the JavaFX toolkit's start. Loggers
        // asked for meanwhile get SLF4J's stand-ins, which replay their events once logback is ready.
        Thread.ofPlatform().name("donna-logging-init").start(LoggerFactory::getILoggerFactory);
        // Unhandled errors (and the bundled service's 5xx) reach the team when SENTRY_DSN is set; scrubbed of
        // anything personal. Off by default.
        ErrorReports.start(System.getenv("SENTRY_DSN"), "donna-app@" + Version.current(), "desktop");

        Optional<SingleInstance> instance = Optional.empty();
        if (!options.smokeRun()) {
            try {
                instance = SingleInstance.claimOrActivate(folders.data(), Duration.ofSeconds(10));
            } catch (IllegalStateException e) {
                System.err.println("donna: " + e.getMessage());
                System.exit(1);
            }
            if (instance.isEmpty()) {
                System.out.println("DONNA is already running: its window was brought forward.");
                return;
            }
        }
        SmokeRun smoke = new SmokeRun(options.smoke(), SmokeRun.processStart(mainStarted), line -> {
            System.out.println(line);
            System.out.flush(); // read by CI and the startup bench while the app goes on
        });
        int exit = 0;
        try {
            DonnaApp.launch(new Launch(options, folders, instance, smoke, mainStarted, mainCpu), args);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Main.class).error("DONNA could not start", e);
            System.err.println("donna: DONNA could not start: " + e.getMessage() + " (details in "
                    + folders.logs().resolve("donna.log") + ")");
            exit = 1;
        }
        if (smoke.active()) {
            smoke.finish();
            exit = Math.max(exit, smoke.exitCode());
        }
        // The window is gone and stop() has run: AWT's tray thread must not keep the process alive.
        ErrorReports.stop(2_000);
        System.exit(exit);
    }
}
