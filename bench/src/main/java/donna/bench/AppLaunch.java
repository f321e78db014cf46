package donna.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One way of starting the desktop app (the packaged launcher, or {@code ./donna}) and the two things the startup
 * bench does with it: a {@code --smoke} start (time to the first frame), and a normal start kept running until the
 * bundled service answered and then sat idle (memory of the app and of its PostgreSQL).
 *
 * @param name    what the report calls it
 * @param command the program and its arguments, before the app's own
 * @param env     added to the app's environment (an OpenAI key, say)
 */
record AppLaunch(String name, List<String> command, Map<String, String> env) {
    private static final Duration SERVICE_LIMIT = Duration.ofMinutes(3);

    /**
     * @param selfMs first-frame-ms as the app measured it (from its process start); wallMs as the bench saw it;
     *               cpuMs the CPU time the app had used by its first frame (steady when the machine is busy)
     */
    record Smoke(long selfMs, long cpuMs, long wallMs) {}

    /** @param serviceMs launch to the service answering; app and postgres: their process trees after idling */
    record Memory(long serviceMs, ProcessMemory app, ProcessMemory postgres) {
        ProcessMemory total() {
            return new ProcessMemory(app.rssKb() + postgres.rssKb(), app.hwmKb() + postgres.hwmKb(),
                    app.pssKb() + postgres.pssKb());
        }
    }

    /** A folder name for this launch's data folders. */
    String dirName() {
        return name.replace("./", "");
    }

    Smoke smoke(Path data, String display) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process process = start(data, display, List.of("--smoke"), ProcessBuilder.Redirect.PIPE);
        String line;
        long selfMs = -1;
        long cpuMs = -1;
        long wallMs = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            while ((line = out.readLine()) != null) {
                if (line.startsWith("first-frame-ms=") && selfMs < 0) {
                    wallMs = (System.nanoTime() - t0) / 1_000_000;
                    selfMs = Long.parseLong(line.substring("first-frame-ms=".length()).strip());
                } else if (line.startsWith("first-frame-cpu-ms=")) {
                    cpuMs = Long.parseLong(line.substring("first-frame-cpu-ms=".length()).strip());
                }
            }
        }
        if (!process.waitFor(2, TimeUnit.MINUTES) || selfMs < 0) {
            process.destroyForcibly();
            throw new IOException(name + " --smoke showed no first frame (see " + data.resolve("stderr.log") + ")");
        }
        return new Smoke(selfMs, cpuMs, wallMs);
    }

    Memory serviceUp(Path data, String display, Duration idle) throws IOException, InterruptedException {
        Path log = data.resolve("logs").resolve("donna.log");
        String listening = "Bundled service listening at";
        // A restart on the same folder appends to the same log: wait for one more such line than it has now.
        long before = occurrences(log, listening);
        long t0 = System.nanoTime();
        Process process = start(data, display, List.of(), ProcessBuilder.Redirect.DISCARD);
        try {
            awaitLogLine(process, log, listening, before);
            long serviceMs = (System.nanoTime() - t0) / 1_000_000;
            LockSupport.parkNanos(idle.toNanos()); // a bench, not a test: idling is the point
            long postmaster = ProcessCpu.postmasterPid(data.resolve("service").resolve("postgres"));
            List<Long> app = new ArrayList<>(ProcessMemory.tree(process.pid()));
            List<Long> postgres = ProcessMemory.tree(postmaster);
            app.removeAll(postgres);
            return new Memory(serviceMs, ProcessMemory.of(app), ProcessMemory.of(postgres));
        } finally {
            stop(process, data);
        }
    }

    private Process start(Path data, String display, List<String> appArgs, ProcessBuilder.Redirect stdout)
            throws IOException {
        List<String> full = new ArrayList<>(command);
        full.addAll(appArgs);
        ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(stdout)
                .redirectError(data.resolve("stderr.log").toFile());
        builder.environment().putAll(env);
        builder.environment().putAll(Map.of("DONNA_DATA_DIR", data.toString(), "DISPLAY", display,
                "DONNA_LOG_LEVEL", "INFO"));
        return builder.start();
    }

    private static long occurrences(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        String all = Files.readString(log);
        long n = 0;
        for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + text.length())) {
            n++;
        }
        return n;
    }

    private void awaitLogLine(Process process, Path log, String text, long seenBefore) throws IOException {
        long deadline = System.nanoTime() + SERVICE_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited before its service was up (see " + log + ")");
            }
            if (occurrences(log, text) > seenBefore) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new IOException(name + ": no service within " + SERVICE_LIMIT + " (see " + log + ")");
    }

    /** SIGTERM, as logging out does: the app stops its service and PostgreSQL; wait until they are gone. */
    private static void stop(Process process, Path data) throws InterruptedException {
        long postmaster;
        try {
            postmaster = ProcessCpu.postmasterPid(data.resolve("service").resolve("postgres"));
        } catch (IllegalStateException notStarted) {
            postmaster = -1;
        }
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (postmaster > 0 && ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
