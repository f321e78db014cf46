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
 */
public record RealtimeToken(String value, Instant expiresAt, String model) {
    public RealtimeToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(model, "model");
    }

    /** The service's answer {@code {"client_secret":{"value","expires_at"},"model"}}; null when it is not one. */
    public static RealtimeToken fromJson(JsonNode answer) {
        JsonNode secret = answer.path("client_secret");
        if (!secret.path("value").isTextual() || !secret.path("expires_at").canConvertToLong()
                || !answer.path("model").isTextual()) {
            return null;
        }
        return new RealtimeToken(secret.path("value").asText(),
                Instant.ofEpochSecond(secret.path("expires_at").asLong()), answer.path("model").asText());
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "RealtimeToken[model=" + model + ", expiresAt=" + expiresAt + "]";
    }
}
