package donna.standins.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A client secret the fake minted.
 *
 * @param value     the {@code ek_...} secret
 * @param expiresAt when it stops opening connections (a connection opened before keeps running)
 * @param session   the effective session it was minted for (as the mint answer shows it)
 * @param request   the mint request's body, as sent
 */
public record MintedSecret(String value, Instant expiresAt, JsonNode session, JsonNode request) {
    public String model() {
        return session.path("model").asText();
    }

    public String instructions() {
        return session.path("instructions").asText();
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "MintedSecret[expiresAt=" + expiresAt + ", model=" + model() + "]";
    }
}
