package donna.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jpackage launcher's {@code <name>.cfg}: its {@code java-options} lines are the JVM options of every start.
 * The AOT training run is the shipped launcher with one option swapped, so class path and options are exactly the
 * ones the cache is later used with.
 */
final class LauncherConfig {
    static final String USE_CACHE = "-XX:AOTCache=";
    static final String WRITE_CACHE = "-XX:AOTCacheOutput=";

    private final Path file;

    LauncherConfig(Path file) {
        this.file = file;
    }

    /** Switches the launcher to record a cache where it would otherwise read one. */
    void recordCache() {
        swap(USE_CACHE, WRITE_CACHE);
    }

    /** Back to reading the cache: the shipped state. */
    void useCache() {
        swap(WRITE_CACHE, USE_CACHE);
    }

    static String swapped(String cfg, String from, String to) {
        StringBuilder out = new StringBuilder();
        boolean found = false;
        for (String line : cfg.split("\n", -1)) {
            if (line.startsWith("java-options=" + from)) {
                line = "java-options=" + to + line.substring(("java-options=" + from).length());
                found = true;
            }
            out.append(line).append('\n');
        }
        if (!found) {
            throw new IllegalStateException("The launcher configuration has no java-options=" + from + " line");
        }
        return out.substring(0, out.length() - 1);
    }

    private void swap(String from, String to) {
        try {
            Files.writeString(file, swapped(Files.readString(file, StandardCharsets.UTF_8), from, to),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot edit " + file, e);
        }
    }
}
