package donna.backend.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What one tool call produced.
 *
 * @param output  the JSON handed back to the model (as {@code function_call_output}) and to {@code /api/tools/call}
 *                as {@code output}; a failure is {@code {"error":{"code","message"}}}
 * @param action  what the call produced for the person, or null: {@code draft_ready}, {@code confirmation_needed},
 *                {@code send_confirmed}, {@code memory_saved}, {@code memory_forgotten}
 * @param card    the object the app shows for {@code action} (a draft, a pending action), or null; goes into the
 *                chat reply's {@code metadata.actions} as {@code {"type": action, ...card fields}}
 * @param summary one short line for the tool-step row and the persisted step ("3 found"); never mail content
 */
public record ToolOutcome(JsonNode output, String action, JsonNode card, String summary) {
    public ToolOutcome {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(summary, "summary");
    }

    public boolean failed() {
        return output.has("error");
    }

    public static ToolOutcome ok(JsonNode output, String summary) {
        return new ToolOutcome(output, null, null, summary);
    }

    /** A tool that could not do its work (Gmail not connected, Gmail down): the model is told, never a success. */
    public static ToolOutcome error(String code, String message) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.putObject("error").put("code", code).put("message", message);
        return new ToolOutcome(out, null, null, message);
    }
}
