package donna.core.mail.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The app's own SQLite file for mail ({@code <data>/mail.db}): the outbox and the saved inbox page.
 *
 * <p>WAL, so the app and a {@code ./donna mail} command can use the file at the same time; {@code synchronous=FULL},
 * so a mail the user queued is on disk when {@link #write} returns, even if the machine loses power right after;
 * write transactions begin IMMEDIATE, so two processes never deadlock upgrading a read lock. One connection, used by
 * one thread at a time.
 */
public final class MailDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailDatabase.class);
    public static final String FILE_NAME = "mail.db";

    /** Work done with the connection; SQL failures become {@link MailStoreException}s. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final String url;
    private Connection connection;
    private boolean closed;

    private MailDatabase(Path file, String url) {
        this.file = file;
        this.url = url;
    }

    /** Opens (creating when missing) the file and brings its schema up to date. */
    public static MailDatabase open(Path file) {
        MailDatabase db = openLazily(file);
        db.read(c -> null);
        return db;
    }

    /**
     * The file, opened on first use instead of now: loading SQLite's native library and checking the schema take
     * a while in a fresh process, and the app's window should not wait for them (the first use is a background task).
     */
    public static MailDatabase openLazily(Path file) {
        return new MailDatabase(file, "jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** A database that lives as long as this object and is never written to disk (windows built without a data folder). */
    public static MailDatabase inMemory() {
        return new MailDatabase(Path.of("in-memory"), "jdbc:sqlite::memory:");
    }

    /** The connection, made (and the schema brought up to date) the first time it is needed. */
    private Connection connection() throws SQLException {
        if (closed) {
            throw new SQLException(file + " is closed");
        }
        if (connection == null) {
            createFolder();
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setBusyTimeout(10_000);
            config.enforceForeignKeys(true);
            try {
                Connection made = config.createConnection(url);
                try {
                    migrate(made);
                } catch (SQLException | RuntimeException e) {
                    made.close();
                    throw e;
                }
                connection = made;
            } catch (SQLException e) {
                throw new MailStoreException("Cannot open the mail database " + file, e);
            }
        }
        return connection;
    }

    private void createFolder() {
        if (url.endsWith(":memory:")) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} alone on the connection, in autocommit mode (reads, single statements). */
    public synchronized <T> T read(Work<T> work) {
        try {
            return work.run(connection());
        } catch (SQLException e) {
            throw new MailStoreException("Mail database failure in " + file.getFileName(), e);
        }
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    public synchronized <T> T write(Work<T> work) {
        try {
            Connection connection = connection();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MailStoreException("Mail database failure in " + file.getFileName(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing {} failed: {}", file, e.toString());
        }
    }

    /** Applies the statements of {@link MailSchema} the file has not seen yet; {@code user_version} counts them. */
    private void migrate(Connection c) throws SQLException {
        List<List<String>> versions = MailSchema.VERSIONS;
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            int current;
            try (var rs = s.executeQuery("PRAGMA user_version")) {
                current = rs.next() ? rs.getInt(1) : 0;
            }
            if (current > versions.size()) {
                throw new SQLException(file + " was written by a newer DONNA (schema " + current + ")");
            }
            for (int v = current; v < versions.size(); v++) {
                for (String sql : versions.get(v)) {
                    s.executeUpdate(sql);
                }
                s.executeUpdate("PRAGMA user_version = " + (v + 1));
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
