package donna.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request the fake received.
 *
 * @param endpoint      which endpoint
 * @param authorization the Authorization header as sent (null if none); the fake never logs it
 * @param body          the parsed JSON body (a missing node when it was not JSON)
 */
public record RecordedRequest(Endpoint endpoint, String authorization, JsonNode body) {
    /** The request's {@code instructions}, or null. */
    public String instructions() {
        JsonNode node = body.path("instructions");
        return node.isTextual() ? node.asText() : null;
    }

    /** The request's {@code input} (a string or an array of items). */
    public JsonNode input() {
        return body.path("input");
    }

    /** The request's {@code tools} array (missing node if none). */
    public JsonNode tools() {
        return body.path("tools");
    }

    public boolean streaming() {
        return body.path("stream").asBoolean(false);
    }
}
