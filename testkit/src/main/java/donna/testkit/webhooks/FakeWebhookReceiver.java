package donna.testkit.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Any service that receives webhooks (a CRM, Zapier, a Slack incoming webhook), on 127.0.0.1: it records every
 * request to any path, answers 200 {@code ok} unless told to fail the next N requests, and checks a Stripe-style
 * signature ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}) with its own code, written from the
 * documented scheme and not from the service's, so a test proves a receiver in another language could verify it.
 */
public final class FakeWebhookReceiver implements AutoCloseable {
    /** One request as received: header names lower-cased, the body as the exact bytes sent. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<Received> received = new ArrayList<>();
    private int failuresLeft;
    private int failureStatus = 500;

    private FakeWebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static FakeWebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeWebhookReceiver fake = new FakeWebhookReceiver(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers the next {@code n} requests with HTTP {@code status} (500 by default), then 200 again. */
    public FakeWebhookReceiver failNext(int n, int status) {
        lock.lock();
        try {
            failuresLeft = n;
            failureStatus = status;
        } finally {
            lock.unlock();
        }
        return this;
    }

    public FakeWebhookReceiver failNext(int n) {
        return failNext(n, 500);
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

    /**
     * Whether {@code request} carries a valid signature under {@code secret} in header {@code headerName}, made no
     * more than {@code tolerance} before {@code now} (nor after it).
     */
    public static boolean verify(Received request, String headerName, String secret, Instant now,
            Duration tolerance) {
        String header = request.header(headerName);
        if (header == null) {
            return false;
        }
        String t = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return false;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                t = value;
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (t == null || signatures.isEmpty()) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(t);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = hmacHex(secret, t, request.body()).getBytes(StandardCharsets.US_ASCII);
        for (String v1 : signatures) {
            if (MessageDigest.isEqual(expected, v1.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static String hmacHex(String secret, String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = new byte[t.length() + 1 + body.length];
            byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(prefix, 0, signed, 0, prefix.length);
            System.arraycopy(body, 0, signed, prefix.length, body.length);
            return HexFormat.of().formatHex(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT),
                    String.join(",", v)));
            int status;
            lock.lock();
            try {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        Map.copyOf(headers), body, Instant.now()));
                status = failuresLeft > 0 ? failureStatus : 200;
                if (failuresLeft > 0) {
                    failuresLeft--;
                }
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
            byte[] answer = (status == 200 ? "ok" : "failure scripted by the test").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
