package donna.testkit.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * Sentry's ingestion endpoint on loopback: {@code POST /api/<project>/envelope/}, as the SDKs send to the DSN's host
 * (Sentry's "Envelopes" developer documentation: a JSON header line, then per item a JSON item header line and its
 * payload). Keeps every envelope as text, gzip undone, so a test can search it for what must not be there.
 */
public final class FakeSentry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> envelopes = new CopyOnWriteArrayList<>();

    private FakeSentry(HttpServer server) {
        this.server = server;
    }

    public static FakeSentry start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeSentry fake = new FakeSentry(server);
            server.createContext("/api/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DSN pointing at this fake (project 1, any public key). */
    public String dsn() {
        return "http://publickey@127.0.0.1:" + server.getAddress().getPort() + "/1";
    }

    /** Every envelope received, as text. */
    public List<String> envelopes() {
        return List.copyOf(envelopes);
    }

    /** The payloads of the {@code event} items received, oldest first. */
    public List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String envelope : envelopes) {
            String[] lines = envelope.split("\n");
            for (int i = 1; i + 1 < lines.length; i += 2) {
                try {
                    JsonNode header = JSON.readTree(lines[i]);
                    if ("event".equals(header.path("type").asText())) {
                        events.add(JSON.readTree(lines[i + 1]));
                    }
                } catch (IOException e) {
                    // an item this fake does not understand (attachments): not an event
                }
            }
        }
        return events;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/envelope/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            envelopes.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
