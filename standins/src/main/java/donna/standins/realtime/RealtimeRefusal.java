package donna.standins.realtime;

import com.fasterxml.jackson.databind.JsonNode;

/** The fake turned a connection (WebSocket upgrade or WebRTC call) away: answer {@link #status()} with {@link #body()}. */
public final class RealtimeRefusal extends RuntimeException {
    private final int status;
    private final transient JsonNode body;

    RealtimeRefusal(int status, String code, String message) {
        super(status + " " + code + ": " + message);
        this.status = status;
        this.body = ApiErrors.body(message, null, code);
    }

    public int status() {
        return status;
    }

    /** OpenAI's error shape: {@code {"error":{"message","type","param","code"}}}. */
    public JsonNode body() {
        return body;
    }
}
