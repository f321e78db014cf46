package donna.backend.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import donna.backend.config.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a PostgreSQL server run from the bundled binaries, its data kept in
 * {@code DONNA_DATA_DIR/postgres} across restarts. Recovers by itself from an earlier run that was killed.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /**
     * The bundled desktop service's server: one person's data, one or two connections, beside the user's other
     * programs. PostgreSQL's defaults (and the library's 300 connections) size it for a shared server: 128 MB of
     * shared buffers, three I/O worker processes, shared memory for 300 backends. Measured with docs/performance.md's
     * startup bench; the server's idle RSS and PSS drop by about half.
     */
    static final Map<String, String> DESKTOP_SETTINGS = Map.of(
            // A chat history is a few MB; the OS page cache holds the rest.
            "shared_buffers", "16MB",
            // Synchronous reads instead of PostgreSQL 18's three I/O worker processes.
            "io_method", "sync",
            // The pool holds two, the start-up check one more for a moment; a few to spare (three of the eight are
            // the superuser's reserve, which the service's role cannot use).
            "max_connections", "8",
            // No logical replication: one process (its launcher) fewer.
            "max_logical_replication_workers", "0",
            // One user's tables change slowly: look for vacuum work every 5 minutes, not every minute.
            "autovacuum_naptime", "5min");

    private final EmbeddedPostgres postgres;
    private final String servicePassword;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String servicePassword) {
        this.postgres = postgres;
        this.servicePassword = servicePassword;
    }

    /** The server of a shared deployment's defaults (a developer's {@code ./donna backend}, the chat bench). */
    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * Starts the server with password authentication only, then makes sure the service's own role and schema exist
     * (converting an older installation, whose server trusted every local connection, on the way).
     *
     * @param settings server settings on top of the defaults below, e.g. {@link #DESKTOP_SETTINGS}
     */
    public static EmbeddedDatabase start(Path dataDir, Map<String, String> settings) {
        Path pgData = dataDir.resolve("postgres");
        Path passwordFile = dataDir.resolve("postgres-initdb-password");
        try {
            OwnerOnly.folder(dataDir);
            StaleServerRecovery.recover(pgData);
            DatabaseCredentials credentials = DatabaseCredentials.loadOrCreate(dataDir);
            boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
            // The superuser has no password we know: an installation of an older DONNA (initdb -A trust), or the
            // credentials file was lost. One start with only the superuser trusted on loopback sets them.
            boolean setPasswords = !fresh && (credentials.created() || ClientAuthentication.trustsAnyone(pgData));
            if (setPasswords) {
                log.warn("The embedded database has no passwords yet: setting them ({})", pgData);
                ClientAuthentication.write(pgData, ClientAuthentication.SET_PASSWORDS);
            }
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            settings.forEach(builder::setServerConfig);
            if (fresh) {
                Files.deleteIfExists(passwordFile);
                OwnerOnly.createFile(passwordFile, credentials.superuser());
                // initdb's own options (the library passes these as --key=value after its "-A trust"; the later
                // option wins): the superuser gets its password from the first moment, and no trust lines.
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
            }
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // Loopback only: the bundled database is nobody else's business.
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // The Unix socket in the owner-only data folder, never in the shared /tmp.
                    .setServerConfig("unix_socket_directories", socketDirectory(dataDir))
                    // The library connects as the superuser to see that the server is up.
                    .setConnectConfig("password", credentials.superuser())
                    // The library's defaults trade durability for test speed (-F, synchronous_commit=off); this
                    // is the user's data, so a committed chat survives a power cut too.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Our own shutdown closes it in order (HTTP first, then the pool, then the server).
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Keep the server's chatter in its own log, not the service's console.
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve("postgres.log").toFile()))
                    .start();
            try {
                secure(postgres, pgData, credentials, setPasswords);
            } catch (SQLException | RuntimeException e) {
                postgres.close();
                throw new IllegalStateException("could not secure the embedded database in " + pgData + ": "
                        + e.getMessage(), e);
            }
            OwnerOnly.narrow(dataDir.resolve("postgres.log"));
            log.info("Embedded PostgreSQL up on 127.0.0.1:{} in {} ms (data in {})", postgres.getPort(),
                    (System.nanoTime() - started) / 1_000_000, pgData);
            return new EmbeddedDatabase(postgres, credentials.service());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded database in " + pgData, e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException e) {
                log.warn("Could not remove {}: {}", passwordFile, e.getMessage());
            }
        }
    }

    /**
     * Over one superuser connection: the superuser's password when this start sets them, the service's role and
     * schema, then the password-only {@code pg_hba.conf} (reloaded when it changed).
     */
    private static void secure(EmbeddedPostgres postgres, Path pgData, DatabaseCredentials credentials,
            boolean setPasswords) throws SQLException {
        try (Connection superuser = postgres.getPostgresDatabase().getConnection();
                Statement s = superuser.createStatement()) {
            if (setPasswords) {
                s.execute("alter role postgres password '" + credentials.superuser() + "'");
            }
            ServiceRole.ensure(superuser, credentials.service());
            if (ClientAuthentication.write(pgData, ClientAuthentication.PASSWORD_ONLY)) {
                s.execute("select pg_reload_conf()");
            }
        }
    }

    /**
     * The data folder when PostgreSQL can use it: a socket path has a length limit (~100 bytes), and the library
     * hands the setting to pg_ctl unquoted. Otherwise no Unix socket at all (the service uses TCP).
     */
    static String socketDirectory(Path dataDir) {
        String dir = dataDir.toAbsolutePath().toString();
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return !windows && dir.length() <= 90 && dir.matches("[A-Za-z0-9/._-]+") ? dir : "";
    }

    /** The service's connection: its own role and schema, password from {@link #password()}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?currentSchema=" + ServiceRole.SCHEMA;
    }

    public String user() {
        return ServiceRole.NAME;
    }

    public String password() {
        return servicePassword;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
