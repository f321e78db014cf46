package donna.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/** The companion service as it ships (`java -jar donna-backend.jar`), in its own process so its CPU is its own. */
final class ServiceProcess implements AutoCloseable {
    static final String SECRET = "bench-internal-secret-0123456789";

    private final Process process;
    private final URI baseUri;

    /** @param jvmFlags flags for this service's JVM (e.g. a garbage collector to compare), may be blank */
    ServiceProcess(Path jar, Path dataDir, Map<String, String> env, String jvmFlags) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dataDir.resolve("service.log").toFile());
        builder.environment().putAll(env);
        // A profiler or other JVM flags for every service under test (e.g. a JFR recording), then this one's own.
        String common = System.getenv("DONNA_BENCH_SERVICE_JVM_FLAGS");
        String flags = ((common == null ? "" : common) + " " + jvmFlags).strip();
        if (!flags.isEmpty()) {
            builder.environment().put("JAVA_TOOL_OPTIONS", flags);
        }
        builder.environment().put("API_SECRET", SECRET);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("DONNA_DATA_DIR", dataDir.toString());
        process = builder.start();
        baseUri = URI.create("http://127.0.0.1:" + port);
        awaitListening();
    }

    /** Polls the health route: the service logs "listening" only at INFO, and the bench may run it quieter. */
    private void awaitListening() throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("service exited with " + process.exitValue() + " before listening");
            }
            try {
                if (client.send(HttpRequest.newBuilder(baseUri.resolve("/api/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IOException("service did not answer within 120 s");
    }

    URI baseUri() {
        return baseUri;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
