package donna.core.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of {@code POST /api/tools/call}.
 *
 * @param output  what the tool returned (a failure is {@code {"error":{"code","message"}}})
 * @param action  what it produced for the person ({@code confirmation_needed}, ...), or null
 * @param card    the object for that action (a draft, a pending action), or null
 */
public record ToolCallResult(JsonNode output, String action, JsonNode card, String summary) {

    public boolean failed() {
        return output != null && output.has("error");
    }

    /** The failure's message, or null. */
    public String errorMessage() {
        return failed() ? output.path("error").path("message").asText("The tool failed") : null;
    }
}
