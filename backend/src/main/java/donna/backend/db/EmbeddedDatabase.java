package donna.backend.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            // The pool holds two (the service connects as the superuser, so every slot counts); a few to spare.
            "max_connections", "8",
            // No logical replication: one process (its launcher) fewer.
            "max_logical_replication_workers", "0",
            // One user's tables change slowly: look for vacuum work every 5 minutes, not every minute.
            "autovacuum_naptime", "5min");

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** The server of a shared deployment's defaults (a developer's {@code ./donna backend}, the chat bench). */
    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** @param settings server settings on top of the defaults below, e.g. {@link #DESKTOP_SETTINGS} */
    public static EmbeddedDatabase start(Path dataDir, Map<String, String> settings) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Files.createDirectories(dataDir);
            StaleServerRecovery.recover(pgData);
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // Loopback only: the bundled database is nobody else's business.
                    .setServerConfig("listen_addresses", "127.0.0.1")
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
            log.info("Embedded PostgreSQL up on 127.0.0.1:{} in {} ms (data in {})", postgres.getPort(),
                    (System.nanoTime() - started) / 1_000_000, pgData);
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded database in " + pgData, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
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
