package donna.core.voice.websocket;

import donna.core.voice.RealtimeConnectRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import okhttp3.Request;

/**
 * Where a {@link WebSocketTransport} connects and with what credential: OpenAI's Realtime WebSocket with the minted
 * client secret ({@link #OPENAI}), or the companion service's relay with the service's own credentials
 * ({@link RelayEndpoint}). The transport itself (events, audio, playback, barge-in) is the same for both.
 */
public interface WebSocketEndpoint {

    /** {@code wss://{OPENAI_BASE_URL}/v1/realtime?model=...}, the ephemeral secret as bearer token. */
    WebSocketEndpoint OPENAI = request -> new Request.Builder()
            .url(request.base().replaceFirst("^http", "ws") + "/v1/realtime?model="
                    + URLEncoder.encode(request.model(), StandardCharsets.UTF_8))
            .header("Authorization", "Bearer " + request.clientSecret()).build();

    /** The upgrade request (OkHttp reads {@code ws://} and {@code wss://} URLs). */
    Request upgrade(RealtimeConnectRequest request);

    /** False when the connection opens with other credentials than the minted secret. */
    default boolean usesClientSecret() {
        return true;
    }

    /**
     * True when connect returns only once the first event arrived: a server that checks credentials after the
     * upgrade (the relay) refuses with a close, and that refusal must fail the connect, not a connection.
     */
    default boolean awaitsFirstEvent() {
        return false;
    }

    /** The readable reason for a close the server chose ({@code reason} may be blank). */
    default String closeReason(int code, String reason) {
        return "the voice service closed the connection (" + code + (reason.isBlank() ? "" : " " + reason) + ")";
    }

    /** The readable reason when the upgrade was answered with an HTTP status. */
    default String refusedReason(int status) {
        return "the voice service refused the connection (HTTP " + status + ")";
    }
}
