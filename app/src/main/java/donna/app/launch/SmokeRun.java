package donna.app.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A start-up check ({@code --smoke}, {@code --smoke=service}): collects the figures of one launch and says when the
 * app should exit. The report lines are what CI and {@code ./donna bench startup} read, e.g.
 * {@code first-frame-ms=412}. Times count from the start of the process, not of {@code main}. Each figure's lines
 * are written the moment it is known (a smoke run goes on after its first frame: see {@code PaneTour}); the ones
 * still missing at the end, by {@link #finish()}.
 */
public final class SmokeRun {
    /** USER_HZ, the unit of /proc's process times: 100 on every Linux the app runs on. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;
    private final LaunchOptions.Smoke mode;
    private final Instant processStart;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Duration firstFrame;
    private volatile Duration firstFrameCpu;
    private volatile Duration serviceReady;
    private volatile String serviceFailure;
    private final Consumer<String> out;
    private int written;

    /** A run whose lines are only read from {@link #report()}. */
    public SmokeRun(LaunchOptions.Smoke mode, Instant processStart) {
        this(mode, processStart, line -> { });
    }

    /** @param out writes one report line (Main: to standard output, where CI and the bench read it) */
    public SmokeRun(LaunchOptions.Smoke mode, Instant processStart, Consumer<String> out) {
        this.mode = mode;
        this.processStart = processStart;
        this.out = out;
    }

    /** When this process started: the OS's record of it, else the given fallback (taken early in main). */
    public static Instant processStart(Instant fallback) {
        return linuxProcessStart().or(() -> ProcessHandle.current().info().startInstant()).orElse(fallback);
    }

    /**
     * On Linux, {@code ProcessHandle}'s start instant counts from the boot time in whole seconds ({@code btime} in
     * /proc/stat), so it can be a second off: too coarse for a start-up figure. The process's start tick and the
     * uptime, both in 10 ms steps since boot, give it to within a few ticks. Empty where there is no /proc.
     */
    static Optional<Instant> linuxProcessStart() {
        Path stat = Path.of("/proc/self/stat");
        if (!Files.isReadable(stat)) {
            return Optional.empty();
        }
        try {
            Instant now = Instant.now();
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            String fields = Files.readString(stat);
            // The command name may hold spaces: fields are counted after its closing parenthesis (state is 3rd).
            long startTicks = Long.parseLong(fields.substring(fields.lastIndexOf(')') + 2).split(" ")[19]);
            long ageMillis = Math.round((uptimeSeconds - startTicks / (double) CLOCK_TICKS_PER_SECOND) * 1000);
            return Optional.of(now.minusMillis(ageMillis));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Instant processStart() {
        return processStart;
    }

    public boolean active() {
        return mode != LaunchOptions.Smoke.OFF;
    }

    /**
     * @param cpu the CPU time the process had used by then: unlike the wall time, it hardly changes when other
     *            programs load the machine, so it compares builds on a busy one
     * @return true when the run is complete and the app should exit now
     */
    public boolean firstFrame(Instant at, Duration cpu) {
        if (firstFrame == null && active()) {
            firstFrame = Duration.between(processStart, at);
            firstFrameCpu = cpu;
            write();
        }
        return finishIf(mode == LaunchOptions.Smoke.FIRST_FRAME);
    }

    /** @return true when the run is complete and the app should exit now */
    public boolean serviceReady(Instant at) {
        serviceReady = Duration.between(processStart, at);
        write();
        return finishIf(mode == LaunchOptions.Smoke.SERVICE);
    }

    /** @return true when the run is complete and the app should exit now */
    public boolean serviceFailed(String reason) {
        serviceFailure = reason.replaceAll("\\s+", " ").strip();
        return finishIf(mode == LaunchOptions.Smoke.SERVICE);
    }

    /** Waits (off the UI thread) until the run is complete; false when the limit passed first. */
    public boolean awaitDone(Duration limit) throws InterruptedException {
        return done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<String> report() {
        List<String> lines = new ArrayList<>();
        lines.add("first-frame-ms=" + Optional.ofNullable(firstFrame).map(d -> String.valueOf(d.toMillis()))
                .orElse("none"));
        Optional.ofNullable(firstFrameCpu).ifPresent(cpu -> lines.add("first-frame-cpu-ms=" + cpu.toMillis()));
        if (mode == LaunchOptions.Smoke.SERVICE) {
            if (serviceReady != null) {
                lines.add("service-ready-ms=" + serviceReady.toMillis());
            } else {
                lines.add("service-failed=" + Optional.ofNullable(serviceFailure).orElse("no answer in time"));
            }
        }
        return lines;
    }

    /** Writes the report's lines not written yet (a failure's, say); the run is over. */
    public synchronized void finish() {
        List<String> lines = report();
        lines.subList(written, lines.size()).forEach(out);
        written = lines.size();
    }

    /** Writes the figures that became known; a line that says one is missing waits for {@link #finish()}. */
    private synchronized void write() {
        List<String> lines = report();
        while (written < lines.size() && !lines.get(written).endsWith("=none")
                && !lines.get(written).startsWith("service-failed=")) {
            out.accept(lines.get(written++));
        }
    }

    /** 0 when every awaited step happened, else 1. */
    public int exitCode() {
        boolean ok = firstFrame != null && (mode != LaunchOptions.Smoke.SERVICE || serviceReady != null);
        return ok ? 0 : 1;
    }

    private boolean finishIf(boolean complete) {
        if (complete && firstFrame != null) {
            done.countDown();
            return true;
        }
        return false;
    }
}
