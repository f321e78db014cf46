package donna.bench;

import donna.core.mail.local.InboxCache;
import donna.core.mail.local.MailDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * What a fresh app does for the Mail pane's first paint, timed in two parts as the app does them: opening the mail
 * database (in {@code init()}, before the window: SQLite's native library loads, the schema is checked) and reading
 * the saved inbox page (after the window: query and JSON parsing, first time in this JVM). Prints both, in ms.
 */
public final class InboxPaint {
    private InboxPaint() {}

    /** Cold timings of one fresh JVM. */
    record Cold(double openMs, double readMs) {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        try (MailDatabase db = MailDatabase.open(Path.of(args[0]))) {
            long t1 = System.nanoTime();
            int rows = new InboxCache(db, Clock.systemUTC()).page().orElseThrow().value().messages().size();
            long t2 = System.nanoTime();
            if (rows == 0) {
                throw new IllegalStateException("the saved page is empty");
            }
            System.out.printf(Locale.ROOT, "%.2f %.2f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }

    /** One cold run in a child JVM on this class path. */
    static Cold inFreshJvm(Path file) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", "-cp",
                System.getProperty("java.class.path"), InboxPaint.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException("inbox paint run failed: " + out);
        }
        String[] parts = out.split(" ");
        return new Cold(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
    }
}
