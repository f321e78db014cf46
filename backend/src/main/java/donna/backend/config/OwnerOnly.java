package donna.backend.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Folders and secret files only their owner may open. Another user on the same machine must not read the saved
 * inbox, the outbox, the logs or the database's credentials, whatever the umask says (homes are often 0755). On
 * Windows the profile folder is already private to the user; there the POSIX modes do not apply.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** Creates {@code dir} (and missing parents) as rwx------, or narrows an existing one to it; returns it. */
    public static Path folder(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(dir, attributes(parent, FOLDER));
                } catch (FileAlreadyExistsException raced) {
                    // another process (a second launch) made it first: narrowed below
                }
            }
            if (posix(dir) && !Files.getPosixFilePermissions(dir).equals(FOLDER)) {
                Files.setPosixFilePermissions(dir, FOLDER);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the private folder " + dir, e);
        }
    }

    /**
     * Writes {@code content} to a new file that is rw------- from its first byte (CREATE_NEW: never a file another
     * process created for us); false when the file already exists.
     */
    public static boolean createFile(Path file, String content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(Files.createFile(file, attributes(parent, FILE)), content);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    /** Narrows an existing file to rw------- (a file an older version wrote under the umask). */
    public static void narrow(Path file) {
        try {
            if (Files.exists(file) && posix(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
                Files.setPosixFilePermissions(file, FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restrict " + file, e);
        }
    }

    private static FileAttribute<?>[] attributes(Path parent, Set<PosixFilePermission> mode) throws IOException {
        return Optional.ofNullable(parent).filter(Files::exists).map(p -> {
            try {
                return posix(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(false) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView("posix");
    }
}
