package donna.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * JavaFX's platform jars carry their native libraries at the jar's root. Linked from a jar they would be unpacked
 * into the user's cache at first start; placed in the runtime's library folder, JavaFX loads them from there.
 */
final class JavafxNatives {
    private JavafxNatives() {}

    static void copy(Path javafxJar, Path libDir) {
        try (ZipFile zip = new ZipFile(javafxJar.toFile())) {
            Files.createDirectories(libDir);
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (!name.contains("/") && name.matches(".*\\.(so|dll|dylib)")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, libDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the natives of " + javafxJar, e);
        }
    }
}
