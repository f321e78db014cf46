package donna.backend.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where DONNA keeps the user's data and its logs: the one place that decides it, for the app and the service.
 * {@code DONNA_DATA_DIR} wins (logs then go to its {@code logs} folder, so a test or a second profile stays in one
 * place); otherwise each OS's convention:
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_DATA_HOME/donna} (default {@code ~/.local/share/donna}), logs in
 *       {@code $XDG_STATE_HOME/donna/logs} (default {@code ~/.local/state/donna/logs});</li>
 *   <li>Windows: {@code %APPDATA%\DONNA} (roams with the profile), logs in {@code %LOCALAPPDATA%\DONNA\logs}
 *       (machine-local, as logs should be);</li>
 *   <li>macOS: {@code ~/Library/Application Support/DONNA}, logs in {@code ~/Library/Logs/DONNA} (where Console.app
 *       looks).</li>
 * </ul>
 *
 * @param data the data folder: settings, secrets, the embedded database, the outbox
 * @param logs the log folder
 */
public record UserFolders(Path data, Path logs) {
    public static final String DATA_DIR_VARIABLE = "DONNA_DATA_DIR";

    /** A pure function of the environment, the OS name ({@code os.name}) and the home folder. */
    public static UserFolders resolve(Map<String, String> env, String osName, Path home) {
        Optional<Path> override = nonBlank(env, DATA_DIR_VARIABLE).map(Path::of);
        if (override.isPresent()) {
            return new UserFolders(override.get(), override.get().resolve("logs"));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path roaming = nonBlank(env, "APPDATA").map(Path::of).orElse(home.resolve("AppData").resolve("Roaming"));
            Path local = nonBlank(env, "LOCALAPPDATA").map(Path::of).orElse(home.resolve("AppData").resolve("Local"));
            return new UserFolders(roaming.resolve("DONNA"), local.resolve("DONNA").resolve("logs"));
        }
        if (os.startsWith("mac")) {
            Path library = home.resolve("Library");
            return new UserFolders(library.resolve("Application Support").resolve("DONNA"),
                    library.resolve("Logs").resolve("DONNA"));
        }
        Path data = xdg(env, "XDG_DATA_HOME").orElse(home.resolve(".local").resolve("share"));
        Path state = xdg(env, "XDG_STATE_HOME").orElse(home.resolve(".local").resolve("state"));
        return new UserFolders(data.resolve("donna"), state.resolve("donna").resolve("logs"));
    }

    /** The folders of the user running this JVM; a relative {@code DONNA_DATA_DIR} is taken from the working folder. */
    public static UserFolders forThisMachine(Map<String, String> env) {
        UserFolders folders = resolve(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
        return new UserFolders(folders.data().toAbsolutePath().normalize(), folders.logs().toAbsolutePath().normalize());
    }

    /**
     * Creates both folders rwx------ (or narrows existing ones): they hold the saved inbox, the outbox, settings,
     * secrets, the database and logs with message metadata, none of it for other users of the machine.
     */
    public UserFolders secured() {
        OwnerOnly.folder(data);
        OwnerOnly.folder(logs);
        return this;
    }

    /** The XDG base directory spec says a relative path in these variables is invalid and must be ignored. */
    private static Optional<Path> xdg(Map<String, String> env, String name) {
        return nonBlank(env, name).map(Path::of).filter(Path::isAbsolute);
    }

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
