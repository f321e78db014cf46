package donna.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmokeRunTest {
    private static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void aFirstFrameRunEndsAtTheFirstFrameAndReportsItsTime() throws InterruptedException {
        SmokeRun run = new SmokeRun(LaunchOptions.Smoke.FIRST_FRAME, START);

        assertThat(run.firstFrame(START.plusMillis(412), Duration.ofMillis(530))).isTrue();

        assertThat(run.awaitDone(Duration.ZERO)).isTrue();
        assertThat(run.report()).containsExactly("first-frame-ms=412", "first-frame-cpu-ms=530");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aServiceRunWaitsForTheServiceAfterTheFrame() {
        SmokeRun run = new SmokeRun(LaunchOptions.Smoke.SERVICE, START);

        assertThat(run.firstFrame(START.plusMillis(380), Duration.ofMillis(450))).isFalse();
        assertThat(run.serviceReady(START.plusMillis(3120))).isTrue();

        assertThat(run.report()).containsExactly("first-frame-ms=380", "first-frame-cpu-ms=450",
                "service-ready-ms=3120");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aFailedServiceFailsTheRunWithTheReasonOnOneLine() {
        SmokeRun run = new SmokeRun(LaunchOptions.Smoke.SERVICE, START);
        run.firstFrame(START.plusMillis(400), Duration.ofMillis(400));

        assertThat(run.serviceFailed("service failed to start -\n Postgres binaries missing")).isTrue();

        assertThat(run.report()).containsExactly("first-frame-ms=400", "first-frame-cpu-ms=400",
                "service-failed=service failed to start - Postgres binaries missing");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aRunThatNeverShowedAFrameFailsAndSaysSo() throws InterruptedException {
        SmokeRun run = new SmokeRun(LaunchOptions.Smoke.FIRST_FRAME, START);

        assertThat(run.awaitDone(Duration.ofMillis(1))).isFalse();
        assertThat(run.report()).containsExactly("first-frame-ms=none");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void eachFigureIsWrittenWhenKnownAndWhatIsMissingAtTheEnd() {
        List<String> written = new ArrayList<>();
        SmokeRun run = new SmokeRun(LaunchOptions.Smoke.SERVICE, START, written::add);

        run.firstFrame(START.plusMillis(390), Duration.ofMillis(420));
        assertThat(written).as("the bench reads the first frame while the app goes on")
                .containsExactly("first-frame-ms=390", "first-frame-cpu-ms=420");

        run.finish();
        assertThat(written).containsExactly("first-frame-ms=390", "first-frame-cpu-ms=420",
                "service-failed=no answer in time");
        run.finish();
        assertThat(written).as("nothing twice").hasSize(3);
    }

    @Test
    void aRunWithoutAFrameWritesOnlyAtTheEnd() {
        List<String> written = new ArrayList<>();
        SmokeRun run = new SmokeRun(LaunchOptions.Smoke.FIRST_FRAME, START, written::add);

        run.finish();

        assertThat(written).containsExactly("first-frame-ms=none");
    }

    @Test
    void aNormalSessionNeverEndsBecauseOfAFrame() {
        SmokeRun run = new SmokeRun(LaunchOptions.Smoke.OFF, START);
        assertThat(run.active()).isFalse();
        assertThat(run.firstFrame(START.plusMillis(500), Duration.ofMillis(500))).isFalse();
        assertThat(run.serviceReady(START.plusMillis(900))).isFalse();
    }

    @Test
    void theProcessStartIsTakenFromProcWithinTicksWhereThereIsOne() {
        Instant now = Instant.now();
        Instant jvm = Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

        Optional<Instant> fromProc = SmokeRun.linuxProcessStart();

        assertThat(fromProc.isPresent()).isEqualTo(Files.isReadable(Path.of("/proc/self/stat")));
        // The process starts a little before its JVM records its own start, and both are in the past.
        fromProc.ifPresent(start -> assertThat(start).isBefore(now)
                .isBetween(jvm.minusSeconds(5), jvm.plusMillis(50)));
        assertThat(SmokeRun.processStart(now)).isBeforeOrEqualTo(now);
    }
}
