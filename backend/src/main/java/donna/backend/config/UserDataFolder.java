package donna.backend.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where DONNA keeps its data when DONNA_DATA_DIR is not set: the folder each OS reserves for it. */
public final class UserDataFolder {
    private UserDataFolder() {}

    public static Path resolve(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank()
                    ? Path.of(appData, "DONNA")
                    : home.resolve("AppData").resolve("Roaming").resolve("DONNA");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("DONNA");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("donna");
    }

    public static Path forThisMachine(Map<String, String> env) {
        return resolve(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }
}
