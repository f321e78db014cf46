package donna.backend;

import static donna.backend.support.TestService.SECRET;
import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import donna.backend.config.BackendConfig;
import donna.backend.support.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * Hardening finding 1: the embedded PostgreSQL let any local process in as superuser without a password (initdb
 * -A trust on 127.0.0.1), and from there read every table and, with pg_read_file, the data folder's secrets. Now
 * every connection needs a password kept in an owner-only file, the Unix socket is in the owner-only data folder,
 * and the service connects as a role that owns only its schema.
 */
class TestEmbeddedDatabaseAccess {

    private static <T> T one(Jdbi db, String sql, Class<T> type) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    private static int port(Jdbi db) {
        return one(db, "select inet_server_port()", Integer.class);
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
    }

    private static void assertLockedOut(int port) {
        for (String user : new String[] {"postgres", "donna"}) {
            assertThatThrownBy(() -> connect(port, user, null).close()).as(user + " without a password")
                    .isInstanceOf(PSQLException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> connect(port, user, "not-the-password").close()).as(user + " with a guess")
                    .isInstanceOf(PSQLException.class).hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void a_local_process_without_the_password_gets_nothing_and_the_service_is_no_superuser(@TempDir Path dir)
            throws Exception {
        try (CompanionService service = CompanionService.start(BackendConfig.loopback(dir, SECRET))) {
            Jdbi db = service.database().jdbi();
            int port = port(db);
            assertLockedOut(port);

            assertThat(one(db, "select current_user", String.class))
                    .isEqualTo("donna");
            assertThat(one(db, "select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user",
                    Boolean.class)).as("no superuser, role or database rights").isFalse();
            assertThatThrownBy(() -> db.useHandle(h -> h.createQuery("select pg_read_file('postgresql.conf')")
                    .mapTo(String.class).one())).hasMessageContaining("permission denied");
            assertThat(one(db, "select count(*) from pg_tables where schemaname = 'donna' and tableowner = 'donna'",
                    Integer.class)).as("the service's tables, in its own schema").isGreaterThan(5);

            assertThat(dir.resolve(".s.PGSQL." + port)).exists();
            assertThat(Path.of("/tmp/.s.PGSQL." + port)).doesNotExist();
            assertThat(Files.readString(dir.resolve("postgres").resolve("pg_hba.conf"))).doesNotContain("trust");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("database-credentials"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(dir.resolve("postgres-initdb-password")).as("initdb's password file is gone").doesNotExist();

        try (CompanionService again = CompanionService.start(BackendConfig.loopback(dir, SECRET))) {
            assertLockedOut(port(again.database().jdbi()));
            assertThat(new Http(again.baseUri()).get("/api/me", internalAs("returning")).status()).isEqualTo(200);
        }
    }

    @Test
    void an_older_installation_is_converted_on_its_next_start_with_no_data_lost(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        // What an older DONNA left: initdb -A trust, the tables in public, owned by the superuser.
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(false).start()) {
            Flyway.configure().dataSource(legacy.getPostgresDatabase()).locations("classpath:db/migration").load()
                    .migrate();
            try (Connection c = legacy.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into users (id, clerk_id) values ('00000000-0000-0000-0000-00000000beef', 'kept')");
                s.execute("insert into email_logs (user_id, status, idempotency_key) values "
                        + "('00000000-0000-0000-0000-00000000beef', 'sent', 'key-1')");
            }
            assertThat(Files.readString(dir.resolve("postgres").resolve("pg_hba.conf"))).contains("trust");
        }

        try (CompanionService service = CompanionService.start(BackendConfig.loopback(dir, SECRET))) {
            Http.Response me = new Http(service.baseUri()).get("/api/me", internalAs("kept"));
            assertThat(me.json().path("user").path("id").asText()).isEqualTo("00000000-0000-0000-0000-00000000beef");
            Jdbi db = service.database().jdbi();
            assertThat(one(db, "select count(*) from email_logs", Integer.class))
                    .isEqualTo(1);
            // The serial column's sequence moved with its table and still counts on.
            db.useHandle(h -> h.execute("insert into email_logs (status) values ('rejected')"));
            assertThat(one(db, "select count(*) from pg_tables where schemaname = 'public'", Integer.class))
                    .isZero();
            assertLockedOut(port(db));
            assertThat(Files.readString(dir.resolve("postgres").resolve("pg_hba.conf"))).doesNotContain("trust");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }
}
