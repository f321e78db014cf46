package donna.backend.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import donna.backend.config.BackendConfig;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Postgres: the external one named by DATABASE_URL (Supabase works) or the embedded one. Opens a
 * connection pool and brings the schema up to date with the same Flyway migrations on both.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Optional<EmbeddedDatabase> embedded;
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(Optional<EmbeddedDatabase> embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    public static Database open(BackendConfig config) {
        boolean desktop = config.footprint() == BackendConfig.Footprint.DESKTOP;
        Optional<EmbeddedDatabase> embedded = config.databaseUrl().isPresent()
                ? Optional.empty()
                : Optional.of(EmbeddedDatabase.start(config.dataDir(),
                        desktop ? EmbeddedDatabase.DESKTOP_SETTINGS : Map.of()));
        try {
            HikariConfig hikari = new HikariConfig();
            hikari.setPoolName("donna-db");
            hikari.setJdbcUrl(config.databaseUrl().orElseGet(() -> embedded.orElseThrow().jdbcUrl()));
            if (embedded.isPresent()) {
                hikari.setUsername(embedded.get().user());
                hikari.setPassword(embedded.get().password());
            } else {
                config.databaseUser().ifPresent(hikari::setUsername);
                config.databasePassword().ifPresent(hikari::setPassword);
            }
            if (desktop) {
                // One person: requests hold a connection for a statement or two, so two never keep anyone
                // waiting, and each idle one is a PostgreSQL backend process (~5 MB) doing nothing.
                hikari.setMaximumPoolSize(2);
                hikari.setMinimumIdle(1);
                hikari.setIdleTimeout(30_000);
            } else {
                // Small on purpose: 2 cores here, and Supabase's pooler counts connections.
                hikari.setMaximumPoolSize(10);
                hikari.setMinimumIdle(2);
            }
            hikari.setConnectionTimeout(10_000);
            hikari.setInitializationFailTimeout(15_000);
            Database database = new Database(embedded, new HikariDataSource(hikari));
            database.migrate(desktop);
            return database;
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e;
        }
    }

    /** @param desktop skip Flyway when the schema is already the newest this build carries ({@link Migrations}) */
    private void migrate(boolean desktop) {
        if (desktop && Migrations.upToDate(pool)) {
            log.info("Database schema at version {}: up to date", schemaVersion());
            return;
        }
        MigrateResult result = Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                .load().migrate();
        log.info("Database schema at version {} ({} migration(s) applied now)", schemaVersion(),
                result.migrationsExecuted);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    public String mode() {
        return embedded.isPresent() ? "embedded" : "external";
    }

    /** The applied schema version, for the detailed health check. */
    public String schemaVersion() {
        return jdbi.withHandle(h -> h.createQuery(
                "select version from flyway_schema_history where success order by installed_rank desc limit 1")
                .mapTo(String.class).findOne().orElse("none"));
    }

    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}
