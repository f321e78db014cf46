package donna.backend.relay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relayed connection: the app's WebSocket on one side, OpenAI's Realtime WebSocket (opened with the service's key)
 * on the other, events carried unchanged both ways. Backpressure both ways: a frame from OpenAI is handed on before
 * the next is read (OkHttp reads on this listener's thread), and a frame from the app waits while too much is still
 * queued toward OpenAI (Jetty reads the app's next frame only after this one returns). Logged without content.
 */
final class RelaySession extends WebSocketListener {
    private static final Logger log = LoggerFactory.getLogger(RelaySession.class);
    /** Bytes queued toward OpenAI past which the app's next frame waits (OkHttp gives up on a socket at 16 MiB). */
    static final long HIGH_WATER = 1L << 20;
    /** How long one frame may wait for the other side before the connection is closed as stuck. */
    static final Duration STUCK = Duration.ofSeconds(15);

    static final int NORMAL = 1000;
    static final int UNSUPPORTED = 1003;
    static final int POLICY = 1008;
    static final int SERVER_ERROR = 1011;
    static final int TRY_LATER = 1013;

    private final Session app;
    private final UUID user;
    private final UUID meteredId;
    private final String id;
    private final long startedNanos = System.nanoTime();
    private volatile long lastAppFrameNanos = startedNanos;
    private long lastHeartbeatNanos = startedNanos;
    private final AtomicReference<WebSocket> openAi = new AtomicReference<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final LongAdder framesUp = new LongAdder();
    private final LongAdder bytesUp = new LongAdder();
    private final LongAdder framesDown = new LongAdder();
    private final LongAdder bytesDown = new LongAdder();
    private final Consumer<RelaySession> onEnd;

    /**
     * @param meteredId the voice budget's session this connection is charged to
     * @param onEnd     runs once when the connection ends, whichever side ends it
     */
    RelaySession(Session app, UUID user, UUID meteredId, Consumer<RelaySession> onEnd) {
        this.app = app;
        this.user = user;
        this.meteredId = meteredId;
        this.id = "relay-" + UUID.randomUUID().toString().substring(0, 8);
        this.onEnd = onEnd;
    }

    /** Connects to OpenAI and configures the session before anything of the app's reaches it. */
    void open(Function<WebSocketListener, WebSocket> connect, ObjectNode session) {
        ObjectNode configured = session.deepCopy();
        configured.remove("model"); // named in the URL; a session.update may not change it
        WebSocket socket = connect.apply(this);
        openAi.set(socket);
        // OkHttp keeps sends made before the handshake and writes them in order once it completes.
        socket.send(JsonNodeFactory.instance.objectNode().put("type", "session.update").set("session", configured)
                .toString());
        log.info("{}: relaying a voice session for user {} (voice session {})", id, user, meteredId);
        if (ended.get()) {
            socket.cancel(); // the app left while we connected
        }
    }

    UUID user() {
        return user;
    }

    UUID meteredId() {
        return meteredId;
    }

    long idleNanos(long now) {
        return now - lastAppFrameNanos;
    }

    /** True once every {@code every}: the relay's timer (one thread) asks. */
    boolean heartbeatDue(long now, long every) {
        if (now - lastHeartbeatNanos < every) {
            return false;
        }
        lastHeartbeatNanos = now;
        return true;
    }

    long ageNanos(long now) {
        return now - startedNanos;
    }

    /** A text frame from the app (Jetty's thread): on to OpenAI, waiting while OpenAI's side is backed up. */
    void fromApp(String text) {
        lastAppFrameNanos = System.nanoTime();
        WebSocket socket = openAi.get();
        if (socket == null || ended.get()) {
            return;
        }
        long deadline = System.nanoTime() + STUCK.toNanos();
        // OkHttp signals no drain: look again each millisecond, holding this (and so the app's next) frame.
        while (socket.queueSize() > HIGH_WATER) {
            if (System.nanoTime() > deadline) {
                end(TRY_LATER, "OpenAI is not keeping up; reconnect");
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (!socket.send(text)) {
            end(SERVER_ERROR, "The voice service connection closed");
            return;
        }
        framesUp.increment();
        bytesUp.add(text.length());
    }

    /** A frame from OpenAI (OkHttp's reader thread): written to the app before OpenAI's next frame is read. */
    @Override
    public void onMessage(WebSocket socket, String text) {
        if (ended.get()) {
            return;
        }
        Callback.Completable written = new Callback.Completable();
        app.sendText(text, written);
        try {
            written.get(STUCK.toMillis(), TimeUnit.MILLISECONDS);
            framesDown.increment();
            bytesDown.add(text.length());
        } catch (TimeoutException e) {
            end(TRY_LATER, "The app is not reading; reconnect");
        } catch (ExecutionException e) {
            end(SERVER_ERROR, "Could not write to the app");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(SERVER_ERROR, "The relay is stopping");
        }
    }

    @Override
    public void onClosing(WebSocket socket, int code, String reason) {
        socket.close(NORMAL, null);
        end(code == NORMAL ? NORMAL : SERVER_ERROR, "The voice service ended the session");
    }

    @Override
    public void onFailure(WebSocket socket, Throwable failure, Response response) {
        // Neither OpenAI's answer nor the exception goes to the app or the log verbatim: either may echo the key.
        String why = response != null ? "The voice service refused the connection (HTTP " + response.code() + ")"
                : "The voice service could not be reached";
        if (!ended.get()) {
            log.warn("{}: {} ({})", id, why, failure.getClass().getSimpleName());
        }
        end(SERVER_ERROR, why);
    }

    /** The app closed its side (or it broke). */
    void appClosed(int code) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        WebSocket socket = openAi.get();
        if (socket != null) {
            socket.close(NORMAL, "the app left");
        }
        finish(code, "the app closed");
    }

    /** Ends the connection from the relay's side: both sockets closed, the place and the budget given back. */
    void end(int code, String why) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        WebSocket socket = openAi.get();
        if (socket != null) {
            socket.cancel();
        }
        if (app.isOpen()) {
            app.close(code, why, Callback.NOOP);
        }
        finish(code, why);
    }

    private void finish(int code, String why) {
        try {
            onEnd.accept(this);
        } finally {
            log.info("{}: ended after {} s ({} {}): app->OpenAI {} frames / {} bytes, OpenAI->app {} frames / {} "
                    + "bytes", id, Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds(), code, why,
                    framesUp.sum(), bytesUp.sum(), framesDown.sum(), bytesDown.sum());
        }
    }
}
