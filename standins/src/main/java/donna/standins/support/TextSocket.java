package donna.standins.support;

import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A text WebSocket endpoint for a fake: Jetty calls it (so it must be public, in a package exported to Jetty), and
 * it passes everything to a {@link Peer} that knows nothing about Jetty.
 */
public final class TextSocket implements Session.Listener.AutoDemanding {
    private final Peer peer;

    public TextSocket(Peer peer) {
        this.peer = Objects.requireNonNull(peer);
    }

    @Override
    public void onWebSocketOpen(Session session) {
        peer.opened(text -> session.sendText(text, Callback.NOOP), session::disconnect);
    }

    @Override
    public void onWebSocketText(String message) {
        peer.text(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        peer.closed(statusCode + " " + reason);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        peer.closed(cause.toString());
    }

    /** The fake's side of one socket. */
    public interface Peer {
        /** The socket is open: {@code send} sends a text message, {@code drop} cuts the connection (no close frame). */
        void opened(Consumer<String> send, Runnable drop);

        void text(String message);

        /** Closed or failed, either side. */
        void closed(String why);
    }
}
