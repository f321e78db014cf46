package donna.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar into the package, leaving out native libraries for other OSes: libraries such as sqlite-jdbc, JNA
 * and jnativehook carry every platform's natives in one jar (sqlite-jdbc: 12 MB, a tenth of it used). Signed jars
 * are copied as they are: removing entries would break their signature.
 */
final class NativeStripper {
    private NativeStripper() {}

    /** @return the names of the entries left out (empty when the jar was copied unchanged) */
    static List<String> copy(Path jar, Path target, TargetOs os) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> foreign = Collections.list(zip.entries()).stream().map(ZipEntry::getName)
                    .filter(os::foreignNative).toList();
            boolean signed = Collections.list(zip.entries()).stream().map(e -> e.getName().toUpperCase())
                    .anyMatch(n -> n.startsWith("META-INF/") && (n.endsWith(".SF") || n.endsWith(".RSA")
                            || n.endsWith(".DSA") || n.endsWith(".EC")));
            if (foreign.isEmpty() || signed) {
                Files.copy(jar, target);
                return List.of();
            }
            try (OutputStream file = Files.newOutputStream(target); ZipOutputStream out = new ZipOutputStream(file)) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    if (foreign.contains(entry.getName())) {
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            return foreign;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + jar, e);
        }
    }
}
