package donna.standins.openai;

import donna.standins.realtime.AudioPath;
import donna.standins.realtime.FakeRealtime;
import donna.standins.realtime.FakeRealtimeConversation;
import donna.standins.realtime.RealtimeRefusal;
import donna.standins.support.Exchanges;
import donna.standins.support.TextSocket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint {@code /v1/realtime}: admits the client secret in {@code Authorization: Bearer} at the
 * upgrade, then carries events both ways between the socket and the connection's conversation.
 */
final class RealtimeSocket implements TextSocket.Peer {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSocket.class);
    private static final String INSECURE_KEY_PROTOCOL = "openai-insecure-api-key.";

    private final FakeRealtimeConversation conversation;

    private RealtimeSocket(FakeRealtimeConversation conversation) {
        this.conversation = conversation;
    }

    static WebSocketCreator creator(FakeRealtime realtime) {
        return (request, response, callback) -> {
            String bearer = Exchanges.bearer(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            // Browsers cannot set headers on a WebSocket: the API also takes the key as a subprotocol.
            for (String protocol : request.getSubProtocols()) {
                if (protocol.startsWith(INSECURE_KEY_PROTOCOL)) {
                    bearer = protocol.substring(INSECURE_KEY_PROTOCOL.length());
                    response.setAcceptedSubProtocol(protocol);
                }
            }
            try {
                return new TextSocket(new RealtimeSocket(realtime.admit(bearer, AudioPath.EVENTS,
                        model(request.getHttpURI().getQuery()))));
            } catch (RealtimeRefusal refusal) {
                response.setStatus(refusal.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, StandardCharsets.UTF_8.encode(refusal.body().toString()), callback);
                return null;
            }
        };
    }

    /** The {@code model} of the upgrade's query string, or null. */
    private static String model(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("model=")) {
                return java.net.URLDecoder.decode(pair.substring("model=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void opened(Consumer<String> send, Runnable drop) {
        conversation.onDrop(drop);
        conversation.open(send);
    }

    @Override
    public void text(String message) {
        conversation.receive(message);
    }

    @Override
    public void closed(String why) {
        LOG.debug("fake realtime socket ended: {}", why);
        conversation.closed();
    }
}
