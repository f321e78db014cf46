package donna.backend.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One tool as every engine sees it: typed turns (Responses function calling), spoken turns (Realtime
 * {@code session.tools}, GPT-Live client delegation) and {@code GET /api/tools} all read these fields.
 *
 * @param name            the function name the model calls
 * @param description     what the model is told the tool does
 * @param parameters      JSON schema of the arguments (an object schema)
 * @param confirmRequired the tool has an effect outside DONNA: it only ever creates a pending action
 */
public record ToolSpec(String name, String description, JsonNode parameters, boolean confirmRequired) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameters, "parameters");
    }
}
