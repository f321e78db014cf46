package donna.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a tool answered (the body of {@code POST /api/tools/call}).
 *
 * @param outputJson the {@code output} object as JSON text: what the model reads ({@code {"error":{...}}} when the
 *                   tool failed in its work)
 * @param action     what it produced for the person ({@code draft_ready}, {@code confirmation_needed}, ...), or null
 * @param cardJson   the card to show for it (a draft, a pending action) as JSON text, or null
 * @param summary    a short line for the person ("Searched mail: 3 found"), or null
 */
public record ToolResult(String outputJson, String action, String cardJson, String summary) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ToolResult {
        Objects.requireNonNull(outputJson, "outputJson");
    }

    /** A failure the model is told about: {@code {"error":{"code","message"}}}. */
    public static ToolResult error(String code, String message) {
        ObjectNode output = JSON.createObjectNode();
        output.putObject("error").put("code", code).put("message", message);
        return new ToolResult(output.toString(), null, null, message);
    }

    /** True when the output is an error (the tool failed, or could not be run). */
    public boolean failed() {
        try {
            JsonNode n = JSON.readTree(outputJson);
            return n != null && n.isObject() && n.hasNonNull("error");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The error's code when {@link #failed()} ({@code tool_failed} when it has none), else null. */
    public String errorCode() {
        try {
            JsonNode error = JSON.readTree(outputJson).path("error");
            return error.isObject() ? error.path("code").asText("tool_failed") : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The error's message when {@link #failed()}, else null. */
    public String errorMessage() {
        try {
            JsonNode error = JSON.readTree(outputJson).path("error");
            return error.isObject() ? error.path("message").asText(error.path("code").asText("failed")) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
