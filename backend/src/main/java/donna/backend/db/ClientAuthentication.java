package donna.backend.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The embedded server's {@code pg_hba.conf}. The library runs {@code initdb -A trust}; a trusted loopback port lets
 * any local process (another OS user, a sandboxed program) in as superuser. DONNA's file asks every connection,
 * TCP or Unix socket, for a password (scram-sha-256).
 */
final class ClientAuthentication {
    static final String FILE_NAME = "pg_hba.conf";

    static final String PASSWORD_ONLY = String.join("\n", List.of(
            "# Written by DONNA at every start: every connection needs a password (scram-sha-256), TCP and Unix socket alike.",
            "local   all             all                                     scram-sha-256",
            "host    all             all             127.0.0.1/32            scram-sha-256",
            "host    all             all             ::1/128                 scram-sha-256",
            "local   replication     all                                     reject",
            "host    replication     all             all                     reject",
            ""));

    /**
     * For one start of an installation whose superuser has no password yet (made by an older DONNA, or its
     * credentials file was lost): only the superuser, only over loopback TCP, only to the {@code postgres} database,
     * until {@link EmbeddedDatabase} has set the passwords and put {@link #PASSWORD_ONLY} in place.
     */
    static final String SET_PASSWORDS = String.join("\n", List.of(
            "# Written by DONNA for one start while it sets the database passwords; replaced right after.",
            "host    postgres        postgres        127.0.0.1/32            trust",
            ""));

    private ClientAuthentication() {}

    /** True when any line of the file lets a connection in without a password. */
    static boolean trustsAnyone(Path pgData) {
        try {
            Path file = pgData.resolve(FILE_NAME);
            return Files.exists(file) && Files.readAllLines(file).stream()
                    .map(l -> l.strip().toLowerCase(Locale.ROOT))
                    .filter(l -> !l.startsWith("#") && !l.isEmpty())
                    .anyMatch(l -> l.matches(".*\\strust(\\s.*)?$"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pgData.resolve(FILE_NAME), e);
        }
    }

    /** Writes {@code content} unless the file already holds it; true when it changed (the server must reload). */
    static boolean write(Path pgData, String content) {
        Path file = pgData.resolve(FILE_NAME);
        try {
            if (Files.exists(file) && Files.readString(file).equals(content)) {
                return false;
            }
            Path tmp = pgData.resolve(FILE_NAME + ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
