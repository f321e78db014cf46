package donna.app.launch;

import donna.backend.config.UserFolders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code Main} settled before JavaFX started: the options, the folders, this process's claim on them (absent
 * in a smoke run, which never pokes a running DONNA), the smoke run's figures, and when {@code main} began (wall
 * clock and the process's CPU time then).
 */
public record Launch(LaunchOptions options, UserFolders folders, Optional<SingleInstance> instance, SmokeRun smoke,
                     Instant mainStarted, Duration mainCpu) {

    /** The CPU time this process has used so far (zero where the OS does not say). */
    public static Duration cpuNow() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
