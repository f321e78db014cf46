package donna.app.launch;

import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (logout, {@code kill}) and SIGINT (Ctrl+C in a terminal) end DONNA the way Quit does: the JavaFX toolkit
 * stops first, then the process exits. The JVM's own handling exits at once instead, with the JavaFX thread frozen
 * wherever it was; when that was inside GTK it held the X display lock, and Mesa's GLX clean-up at exit waited for
 * that lock forever (seen on Xvfb: the process never ended, and the next launch found it "running but not
 * answering"). If the toolkit has not ended after {@code grace}, the process exits anyway (shutdown hooks still stop
 * the bundled service).
 */
public final class QuitOnSignal {
    private static final Logger log = LoggerFactory.getLogger(QuitOnSignal.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private QuitOnSignal() {}

    /** For the app: {@code quit} is {@code Platform::exit}, the fallback {@link System#exit}. */
    public static void install(Runnable quit, Duration grace) {
        install(quit, grace, System::exit);
    }

    static void install(Runnable quit, Duration grace, IntConsumer exit) {
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    log.info("SIG{} received: quitting", signal.getName());
                    quit.run();
                    Thread.ofPlatform().daemon().name("donna-quit-deadline").start(() -> {
                        try {
                            Thread.sleep(grace);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        log.warn("Still running {} s after SIG{}: exiting", grace.toSeconds(), signal.getName());
                        exit.accept(128 + signal.getNumber());
                    });
                });
            } catch (IllegalArgumentException e) {
                // This OS has no such signal, or the JVM was started with -Xrs: its default handling stays.
                log.debug("SIG{} is not handled here: {}", name, e.getMessage());
            }
        }
    }
}
