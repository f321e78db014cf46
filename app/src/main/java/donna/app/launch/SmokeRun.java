package donna.app.launch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A start-up check ({@code --smoke}, {@code --smoke=service}): collects the figures of one launch and says when the
 * app should exit. The report lines are what CI and {@code ./donna bench startup} read, e.g.
 * {@code first-frame-ms=412}. Times count from the start of the process, not of {@code main}.
 */
public final class SmokeRun {
    private final LaunchOptions.Smoke mode;
    private final Instant processStart;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Duration firstFrame;
    private volatile Duration firstFrameCpu;
    private volatile Duration serviceReady;
    private volatile String serviceFailure;

    public SmokeRun(LaunchOptions.Smoke mode, Instant processStart) {
        this.mode = mode;
        this.processStart = processStart;
    }

    /** When this process started: the OS's record of it, else the given fallback (taken early in main). */
    public static Instant processStart(Instant fallback) {
        return ProcessHandle.current().info().startInstant().orElse(fallback);
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
        if (firstFrame == null) {
            firstFrame = Duration.between(processStart, at);
            firstFrameCpu = cpu;
        }
        return finishIf(mode == LaunchOptions.Smoke.FIRST_FRAME);
    }

    /** @return true when the run is complete and the app should exit now */
    public boolean serviceReady(Instant at) {
        serviceReady = Duration.between(processStart, at);
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
