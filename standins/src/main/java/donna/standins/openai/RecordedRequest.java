package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

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

    /** A {@code function_call_output} item the caller sent: the answer to one of the model's calls. */
    public record CallOutput(String callId, String output) {}

    /** A {@code function_call} item the caller sent back (the echo of a call the model made). */
    public record CallEcho(String callId, String name, String arguments) {}

    /** The {@code function_call_output} items of the input, in order. */
    public List<CallOutput> functionCallOutputs() {
        List<CallOutput> outputs = new ArrayList<>();
        for (JsonNode item : input()) {
            if ("function_call_output".equals(item.path("type").asText())) {
                outputs.add(new CallOutput(item.path("call_id").asText(), item.path("output").asText()));
            }
        }
        return outputs;
    }

    /** The {@code function_call} items of the input, in order. */
    public List<CallEcho> functionCalls() {
        List<CallEcho> calls = new ArrayList<>();
        for (JsonNode item : input()) {
            if ("function_call".equals(item.path("type").asText())) {
                calls.add(new CallEcho(item.path("call_id").asText(), item.path("name").asText(),
                        item.path("arguments").asText()));
            }
        }
        return calls;
    }

    public boolean streaming() {
        return body.path("stream").asBoolean(false);
    }
}
