package donna.standins.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare WebSocket client for the fake's own tests (the JDK's): collects events, reports how it ended. */
final class EventSocket implements WebSocket.Listener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<String> ended = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private WebSocket socket;

    /** Connects, or completes exceptionally with the handshake's failure. */
    static CompletableFuture<EventSocket> connect(URI base, String secret) {
        EventSocket listener = new EventSocket();
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "/v1/realtime?model=gpt-realtime");
        WebSocket.Builder builder = listener.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (secret != null) {
            builder.header("Authorization", "Bearer " + secret);
        }
        return builder.buildAsync(uri, listener).thenApply(ws -> {
            listener.socket = ws;
            return listener;
        });
    }

    void send(String event) {
        socket.sendText(event, true).join();
    }

    /** The next event of this type, skipping others; fails after 5 s. */
    JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            JsonNode e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + type + " event within 5 s");
            }
            if (e.path("type").asText().equals(type)) {
                return e;
            }
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                events.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended.complete("closed " + statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.complete("failed " + error.getClass().getSimpleName());
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        http.close();
    }
}
