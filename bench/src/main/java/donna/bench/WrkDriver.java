package donna.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The load from {@code wrk} (C, epoll; Debian package {@code wrk}) with {@code chat-turns.lua}: the same turns as
 * the Java driver, for far less CPU, so more of the shared cores is left to the service under test.
 */
final class WrkDriver {
    private static final int THREADS = 2;

    private final Path script;

    private WrkDriver(Path script) {
        this.script = script;
    }

    /** @return the driver, or null when {@code wrk} is not on the PATH */
    static WrkDriver findOnPath() throws IOException {
        String path = System.getenv("PATH");
        boolean found = path != null && List.of(path.split(java.io.File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "wrk")));
        if (!found) {
            return null;
        }
        Path script = Files.createTempFile("donna-bench", ".lua");
        script.toFile().deleteOnExit();
        try (InputStream in = WrkDriver.class.getResourceAsStream("chat-turns.lua")) {
            Files.write(script, in.readAllBytes());
        }
        return new WrkDriver(script);
    }

    ChatBench.Result load(URI base, String secret, int connections, Duration duration, int turnsPerChat)
            throws IOException, InterruptedException {
        int threads = Math.min(THREADS, connections);
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "30s", "-s", script.toString(),
                base.resolve("/api/chat").toString()).redirectErrorStream(true);
        builder.environment().put("DONNA_BENCH_SECRET", secret);
        builder.environment().put("DONNA_BENCH_USERS", Integer.toString(Math.max(1, connections / threads)));
        builder.environment().put("DONNA_BENCH_TURNS", Integer.toString(turnsPerChat));
        builder.environment().put("DONNA_BENCH_RUN", Long.toString(System.nanoTime()));
        Process wrk = builder.start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            wrk.destroyForcibly();
            throw new IOException("wrk failed: " + output);
        }
        // DONNA-BENCH <requests> <seconds> <p50 us> <p99 us> <errors>, printed by the script's done()
        String line = output.lines().filter(l -> l.startsWith("DONNA-BENCH ")).findFirst()
                .orElseThrow(() -> new IOException("wrk printed no figures: " + output));
        String[] f = line.split(" ");
        return new ChatBench.Result(Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                Long.parseLong(f[3]) / 1e3, Long.parseLong(f[4]) / 1e3, Long.parseLong(f[5]));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wrk (%d threads)", THREADS);
    }
}
