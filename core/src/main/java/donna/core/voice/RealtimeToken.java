package donna.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A short-lived client secret from {@code POST /api/realtime/token}: it opens realtime connections until
 * {@code expiresAt}; a connection already open outlives it.
 *
 * @param value     the {@code ek_...} secret: never logged
 * @param expiresAt when it stops opening connections
 * @param model     the realtime model it was minted for
 * @param sessionId the service's metered voice session it belongs to ({@code donna_session_id}); null when the
 *                  service meters none (an older service, or a caller acting for no user)
 */
public record RealtimeToken(String value, Instant expiresAt, String model, String sessionId) {
    public RealtimeToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(model, "model");
    }

    /** A secret of no metered session. */
    public RealtimeToken(String value, Instant expiresAt, String model) {
        this(value, expiresAt, model, null);
    }

    /**
     * The service's answer {@code {"client_secret":{"value","expires_at"},"model","donna_session_id"}}; null when it
     * is not one.
     */
    public static RealtimeToken fromJson(JsonNode answer) {
        JsonNode secret = answer.path("client_secret");
        if (!secret.path("value").isTextual() || !secret.path("expires_at").canConvertToLong()
                || !answer.path("model").isTextual()) {
            return null;
        }
        return new RealtimeToken(secret.path("value").asText(),
                Instant.ofEpochSecond(secret.path("expires_at").asLong()), answer.path("model").asText(),
                answer.path("donna_session_id").isTextual() ? answer.path("donna_session_id").asText() : null);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "RealtimeToken[model=" + model + ", expiresAt=" + expiresAt + ", session=" + sessionId + "]";
    }
}
