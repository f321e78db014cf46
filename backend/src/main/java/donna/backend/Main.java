package donna.backend;

import donna.backend.config.BackendConfig;
import donna.backend.config.ConfigException;
import donna.backend.config.ConfigLoader;
import java.nio.file.Path;

/** Runs the companion service in the foreground: `java -jar donna-backend.jar` or `./donna backend`. */
public final class Main {
    static final int EXIT_CONFIG = 2;

    private Main() {}

    public static void main(String[] args) {
        BackendConfig config;
        try {
            config = ConfigLoader.fromEnvironment(Path.of("")).load();
        } catch (ConfigException e) {
            // One line, no stack trace: this is what an operator reads.
            System.err.println("donna-backend: configuration error: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        System.err.println("donna-backend: " + config);
    }
}
