package donna.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * On Linux the app-image starts through a shell script ({@code linux-launcher.sh}) instead of jpackage's native
 * launcher, which asks {@code rpm} and {@code dpkg} which package owns it, twice, at every start (0.1 to 0.3 s
 * before the JVM starts; docs/performance.md). The script reads the same {@code <name>.cfg}, so the JVM options,
 * the class path and the AOT training's swap of the cache option stay where jpackage put them.
 */
final class LinuxLauncher {
    static final String SCRIPT = "linux-launcher.sh";
    /** The native part of jpackage's launcher, unused once the script starts the app. */
    static final String JPACKAGE_LIBRARY = "libapplauncher.so";

    private LinuxLauncher() {}

    /** Replaces the image's launcher {@code bin/<name>} with the script. */
    static void install(Path image, String name) {
        Path launcher = TargetOs.LINUX.launcher(image, name);
        try (InputStream script = LinuxLauncher.class.getResourceAsStream(SCRIPT)) {
            if (script == null) {
                throw new IllegalStateException("The packager has no " + SCRIPT);
            }
            Files.copy(script, launcher, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.deleteIfExists(image.resolve("lib").resolve(JPACKAGE_LIBRARY));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the launcher " + launcher, e);
        }
    }
}
