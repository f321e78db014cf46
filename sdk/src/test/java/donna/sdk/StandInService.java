package donna.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the service's {@code POST /api/v1/conversations/track} on 127.0.0.1: records each request, answers
 * with the scripted answers first (then 200), and can hold requests until {@link #open()} (a slow or hung service).
 */
final class StandInService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String authorization, JsonNode body) {
        String externalId() {
            return body.path("external_id").asText();
        }

        int messages() {
            return body.path("messages").size();
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final Semaphore arrivals = new Semaphore(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    StandInService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/conversations/track", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next requests get these answers, in order; after them, 200. */
    StandInService answer(int status, Map<String, String> headers, String body) {
        script.add(new Answer(status, headers, body));
        return this;
    }

    StandInService answer(int status) {
        return answer(status, Map.of(), "{\"success\":false,\"error\":{\"code\":\"http_" + status
                + "\",\"message\":\"scripted\"}}");
    }

    /** Requests wait until {@link #open()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    /** Waits until {@code n} more requests have arrived (held or not). */
    void awaitArrivals(int n) throws InterruptedException {
        if (!arrivals.tryAcquire(n, 30, TimeUnit.SECONDS)) {
            throw new AssertionError("expected " + n + " more requests; have " + requests.size());
        }
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"), body));
            arrivals.release();
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held too long");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Answer a = script.poll();
            if (a == null) {
                a = new Answer(200, Map.of(), "{\"success\":true,\"conversation_id\":\"c\",\"messages_added\":"
                        + body.path("messages").size() + "}");
            }
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        executor.shutdownNow();
    }
}
