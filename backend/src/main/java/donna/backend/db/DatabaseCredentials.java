package donna.backend.db;

import donna.backend.config.OwnerOnly;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded server's two passwords, random per installation, kept in an owner-only file in the data folder:
 * the superuser's (used only at start, to set up the service's role) and the service role's.
 *
 * @param superuser the {@code postgres} superuser's password
 * @param service   the {@code donna} role's password: the role the service connects as
 * @param created   this start generated them (a new installation, or the file was lost)
 */
record DatabaseCredentials(String superuser, String service, boolean created) {
    static final String FILE_NAME = "database-credentials";

    @Override
    public String toString() {
        return "DatabaseCredentials[redacted]";
    }

    /** Reads the file, or writes a new one (rw-------, create-new) when there is none. */
    static DatabaseCredentials loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                Properties fresh = new Properties();
                fresh.setProperty("superuser", randomPassword());
                fresh.setProperty("service", randomPassword());
                StringWriter text = new StringWriter();
                fresh.store(text, "DONNA's embedded PostgreSQL: keep private (rw-------)");
                if (OwnerOnly.createFile(file, text.toString())) {
                    return new DatabaseCredentials(fresh.getProperty("superuser"), fresh.getProperty("service"), true);
                }
                // another start wrote it first: read theirs
            }
            OwnerOnly.narrow(file);
            Properties saved = new Properties();
            saved.load(new StringReader(Files.readString(file)));
            String superuser = saved.getProperty("superuser", "");
            String service = saved.getProperty("service", "");
            if (!safe(superuser) || !safe(service)) {
                throw new IllegalStateException(file + " is damaged: delete it and DONNA makes new passwords");
            }
            return new DatabaseCredentials(superuser, service, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    /** 32 random bytes, URL-safe base64: nothing a SQL literal or a connection string needs to escape. */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The passwords go into {@code ALTER ROLE ... PASSWORD '...'} (no bind parameters there): only our alphabet. */
    static boolean safe(String password) {
        return password.length() >= 32 && password.matches("[A-Za-z0-9_-]+");
    }
}
