package donna.backend;

import static donna.backend.support.TestService.SECRET;
import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import donna.backend.config.BackendConfig;
import donna.backend.db.Database;
import donna.backend.db.DatabaseInUseException;
import donna.backend.support.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default database: kept across restarts, and back by itself after the service was SIGKILLed. */
class TestEmbeddedDatabase {

    private static String userId(CompanionService service, String user) {
        Http.Response me = new Http(service.baseUri()).get("/api/me", internalAs(user));
        assertThat(me.status()).isEqualTo(200);
        return me.json().path("user").path("id").asText();
    }

    private static String setting(Jdbi db, String name) {
        return db.withHandle(h -> h.createQuery("show " + name).mapTo(String.class).one());
    }

    @Test
    void data_survives_a_restart_and_a_second_service_on_the_same_folder_is_refused(@TempDir Path dir) {
        BackendConfig config = BackendConfig.loopback(dir, SECRET);
        String id;
        try (CompanionService first = CompanionService.start(config)) {
            id = userId(first, "keeper");
            assertThatThrownBy(() -> CompanionService.start(config)).isInstanceOf(DatabaseInUseException.class)
                    .hasMessageContaining("in use by another running DONNA service");
            assertThat(userId(first, "keeper")).as("the first one is unharmed").isEqualTo(id);
        }
        try (CompanionService second = CompanionService.start(config)) {
            assertThat(userId(second, "keeper")).isEqualTo(id);
            assertThat(new Http(second.baseUri()).get("/api/health?detail=1", internalAs("keeper")).json()
                    .path("database").path("mode").asText()).isEqualTo("embedded");
        }
    }

    @Test
    void the_desktop_service_runs_a_server_and_pool_sized_for_one_person(@TempDir Path dir) {
        BackendConfig config = BackendConfig.loopback(dir, SECRET).withFootprint(BackendConfig.Footprint.DESKTOP);
        try (CompanionService service = CompanionService.start(config)) {
            Jdbi db = service.database().jdbi();
            assertThat(setting(db, "shared_buffers")).isEqualTo("16MB");
            assertThat(setting(db, "io_method")).isEqualTo("sync");
            assertThat(setting(db, "max_connections")).isEqualTo("8");
            assertThat(((HikariDataSource) service.database().dataSource()).getMaximumPoolSize()).isEqualTo(2);
            assertThat(userId(service, "one-person")).isNotBlank();
        }
        // The next start finds the schema up to date and leaves Flyway out.
        Logger databaseLog = (Logger) LoggerFactory.getLogger(Database.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level was = databaseLog.getLevel();
        databaseLog.setLevel(Level.INFO);
        databaseLog.addAppender(events);
        try (CompanionService again = CompanionService.start(config)) {
            assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.endsWith(": up to date"));
            assertThat(userId(again, "one-person")).isNotBlank();
        } finally {
            databaseLog.detachAppender(events);
            databaseLog.setLevel(was);
        }
    }

    @Test
    void a_shared_deployment_keeps_postgres_defaults(@TempDir Path dir) {
        try (CompanionService service = CompanionService.start(BackendConfig.loopback(dir, SECRET))) {
            assertThat(setting(service.database().jdbi(), "shared_buffers")).isEqualTo("128MB");
            assertThat(((HikariDataSource) service.database().dataSource()).getMaximumPoolSize()).isEqualTo(10);
        }
    }

    @Test
    void after_sigkill_the_next_start_recovers_with_no_data_lost(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("API_SECRET", SECRET);
        builder.environment().put("DONNA_DATA_DIR", dir.toString());
        builder.environment().put("PORT", Integer.toString(port));
        Process child = builder.start();
        try {
            awaitListening(child);
            Http http = new Http(URI.create("http://127.0.0.1:" + port));
            String id = http.get("/api/me", internalAs("survivor")).json().path("user").path("id").asText();
            assertThat(id).isNotBlank();

            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Path pidFile = dir.resolve("postgres").resolve("postmaster.pid");
            assertThat(pidFile).as("the killed service left its database server behind").exists();
            long orphanPid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            assertThat(ProcessHandle.of(orphanPid)).as("orphaned postgres still running").isPresent();

            try (CompanionService recovered = CompanionService.start(BackendConfig.loopback(dir, SECRET))) {
                assertThat(userId(recovered, "survivor")).isEqualTo(id);
            }
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * Reads the child's log until the service says it is listening (or it dies). On success the reader is handed to
     * a drain thread and not closed here: closing would wait for the drain thread's read, which never ends.
     */
    private static void awaitListening(Process child) throws Exception {
        BufferedReader log = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = log.readLine()) != null) {
            if (line.contains("listening on")) {
                // Keep draining so the child never blocks on a full pipe; ends when the child dies.
                Thread.ofVirtual().start(() -> log.lines().forEach(l -> { }));
                return;
            }
        }
        log.close();
        throw new AssertionError("service exited before listening: " + child.waitFor());
    }
}
