package donna.app.common;

import donna.backend.config.UserDataFolder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where this user's DONNA data lives: {@code DONNA_DATA_DIR}, else the folder the OS reserves for it. */
public final class DataFolder {
    private DataFolder() {}

    public static Path resolve(Map<String, String> env) {
        return Optional.ofNullable(env.get("DONNA_DATA_DIR")).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> UserDataFolder.forThisMachine(env));
    }
}
