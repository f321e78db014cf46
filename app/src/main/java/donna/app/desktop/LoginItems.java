package donna.app.desktop;

import donna.app.launch.LaunchOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Picks the OS's way of starting DONNA at login. */
public final class LoginItems {
    /** Set by jpackage's launcher: the installed executable. Absent when run from a build ({@code ./donna}). */
    public static final String APP_PATH_PROPERTY = "jpackage.app-path";

    private LoginItems() {}

    /**
     * @param launcher the installed launcher; empty in a development run, where starting at login makes no sense
     * @return empty when there is nothing to start at login
     */
    public static Optional<LoginItem> resolve(Map<String, String> env, String osName, Path home,
                                              Optional<Path> launcher, CommandRunner runner) {
        if (launcher.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = List.of(launcher.get().toString(), LaunchOptions.BACKGROUND_FLAG);
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return Optional.of(new WindowsRunKey(runner, command));
        }
        if (os.startsWith("mac")) {
            return Optional.of(new MacLaunchAgent(home.resolve("Library").resolve("LaunchAgents"), command));
        }
        Path config = Optional.ofNullable(env.get("XDG_CONFIG_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .filter(Path::isAbsolute).orElse(home.resolve(".config"));
        return Optional.of(new XdgAutostart(config.resolve("autostart"), command));
    }

    public static Optional<LoginItem> forThisMachine(Map<String, String> env) {
        return resolve(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")),
                Optional.ofNullable(System.getProperty(APP_PATH_PROPERTY)).filter(s -> !s.isBlank()).map(Path::of),
                CommandRunner.system());
    }
}
