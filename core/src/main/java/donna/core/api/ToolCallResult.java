package donna.core.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of {@code POST /api/tools/call} (docs/api.md, "Tools"): what one of DONNA's tools did.
 *
 * @param output  what the model reads; {@code {"error":{"code","message"}}} when the tool failed in its work
 * @param action  what it produced for the person ({@code draft_ready}, {@code confirmation_needed}, ...), or null
 * @param card    the draft or pending action to show for it, or null
 * @param summary a short line for the person ("Searched mail: 3 found"), or null
 */
public record ToolCallResult(JsonNode output, String action, JsonNode card, String summary) {

    static ToolCallResult of(JsonNode n) {
        JsonNode card = n.get("card");
        return new ToolCallResult(n.path("output").isObject() ? n.get("output") : n.path("output"),
                text(n, "action"), card == null || card.isNull() ? null : card, text(n, "summary"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
