package donna.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Slack incoming webhook on 127.0.0.1, answering as Slack documents it: 200 with the body {@code ok} for a JSON
 * message with {@code text} or {@code blocks}; 400 {@code invalid_payload} for a body that is not a JSON object and
 * 400 {@code no_text} for one without either; 404 {@code no_service} on any path but the hook's. Tests script
 * failures ahead: {@link #failNext(int, int, String)} (a 500 {@code rollup_error}, a 410
 * {@code channel_is_archived}, ...) and {@link #rateLimitNext(int, long)} (429 with {@code Retry-After}). Every
 * request is recorded with its JSON, whatever was answered.
 */
public final class FakeSlack implements AutoCloseable {
    /** The hook's path, shaped like Slack's ({@code /services/T.../B.../secret}). */
    public static final String PATH = "/services/T0DONNA00/B0ALERTS0/fakeSecretToken0123456789";

    /** One request: what was posted, and what this fake answered. */
    public record Received(String path, String contentType, String body, JsonNode json, int answeredStatus) {}

    private record Scripted(int status, String body, Long retryAfter) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<Received> received = new ArrayList<>();
    private final Deque<Scripted> script = new ArrayDeque<>();

    private FakeSlack(HttpServer server) {
        this.server = server;
    }

    public static FakeSlack start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeSlack fake = new FakeSlack(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The incoming webhook's URL: {@code http://127.0.0.1:<port>/services/...} (loopback, so plain http). */
    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Answers the next {@code n} requests with {@code status} and {@code body} (Slack's error string). */
    public FakeSlack failNext(int n, int status, String body) {
        return queue(n, new Scripted(status, body, null));
    }

    /** Answers the next {@code n} requests with 500 {@code rollup_error}. */
    public FakeSlack failNext(int n) {
        return failNext(n, 500, "rollup_error");
    }

    /** Answers the next {@code n} requests with 429 {@code rate_limited} and {@code Retry-After: seconds}. */
    public FakeSlack rateLimitNext(int n, long seconds) {
        return queue(n, new Scripted(429, "rate_limited", seconds));
    }

    private FakeSlack queue(int n, Scripted answer) {
        lock.lock();
        try {
            for (int i = 0; i < n; i++) {
                script.add(answer);
            }
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Every request so far, oldest first. */
    public List<Received> requests() {
        lock.lock();
        try {
            return List.copyOf(received);
        } finally {
            lock.unlock();
        }
    }

    /** The messages Slack accepted (answered 200 {@code ok}), oldest first. */
    public List<JsonNode> posted() {
        return requests().stream().filter(r -> r.answeredStatus() == 200).map(Received::json).toList();
    }

    /** Waits until at least {@code count} requests have arrived; false when the timeout passed first. */
    public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (received.size() < count) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = arrived.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            JsonNode json = parse(body);
            Scripted answer;
            lock.lock();
            try {
                answer = script.poll();
                if (answer == null) {
                    answer = natural(exchange, contentType, json);
                }
                received.add(new Received(exchange.getRequestURI().getPath(), contentType, body, json,
                        answer.status()));
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(answer.retryAfter()));
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** What Slack itself would answer. */
    private static Scripted natural(HttpExchange exchange, String contentType, JsonNode json) {
        if (!"POST".equals(exchange.getRequestMethod()) || !PATH.equals(exchange.getRequestURI().getPath())) {
            return new Scripted(404, "no_service", null);
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")
                || json == null || !json.isObject()) {
            return new Scripted(400, "invalid_payload", null);
        }
        if (!json.path("text").isTextual() && !json.path("blocks").isArray()) {
            return new Scripted(400, "no_text", null);
        }
        return new Scripted(200, "ok", null);
    }

    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
