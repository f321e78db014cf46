package donna.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What a tool answered (the body of {@code POST /api/tools/call}).
 *
 * @param outputJson the {@code output} object as JSON text: what the model reads ({@code {"error":{...}}} when the
 *                   tool failed in its work)
 * @param action     what it produced for the person ({@code draft_ready}, {@code confirmation_needed}, ...), or null
 * @param cardJson   the card to show for it (a draft, a pending action) as JSON text, or null
 * @param summary    a short line for the person ("Searched mail: 3 found"), or null
 * @param produced   everything the call produced for the person, in order (a delegated GPT-Live turn may make a draft
 *                   and a send waiting for a yes): each becomes a card; by default the one {@code action}
 * @param keptInChat the chat the tool itself stored the person's words and DONNA's reply in (a tool that runs the
 *                   whole turn as a typed turn, {@link ToolRunner#keepsTurn}), or null when it stored nothing
 */
public record ToolResult(String outputJson, String action, String cardJson, String summary, List<Produced> produced,
        String keptInChat) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One thing a call produced for the person: {@code draft_ready}, {@code confirmation_needed}, ... and its card. */
    public record Produced(String action, String cardJson) {
        public Produced {
            Objects.requireNonNull(action, "action");
        }
    }

    public ToolResult {
        Objects.requireNonNull(outputJson, "outputJson");
        produced = produced != null ? List.copyOf(produced)
                : action == null ? List.of() : List.of(new Produced(action, cardJson));
    }

    /** A result with at most one product ({@code action}, {@code cardJson}) that kept nothing in the chat. */
    public ToolResult(String outputJson, String action, String cardJson, String summary) {
        this(outputJson, action, cardJson, summary, null, null);
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
