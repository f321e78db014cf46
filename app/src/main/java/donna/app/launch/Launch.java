package donna.app.launch;

import donna.backend.config.UserFolders;
import java.util.Optional;

/**
 * What {@code Main} settled before JavaFX started: the options, the folders, this process's claim on them (absent
 * in a smoke run, which never pokes a running DONNA) and the smoke run's figures.
 */
public record Launch(LaunchOptions options, UserFolders folders, Optional<SingleInstance> instance, SmokeRun smoke) {
}
