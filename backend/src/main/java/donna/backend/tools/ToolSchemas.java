package donna.backend.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The tools' argument schemas use the JSON-schema subset of OpenAI's strict function calling (every property
 * required, optional ones nullable, {@code additionalProperties: false}) plus string lengths, which the service
 * checks but strict mode does not accept. An engine that turns strict mode on sends {@link #forStrict}.
 */
public final class ToolSchemas {
    private static final Set<String> NOT_IN_STRICT = Set.of("minLength", "maxLength");

    private ToolSchemas() {}

    /** A copy of {@code schema} without the keywords strict mode refuses. */
    public static JsonNode forStrict(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(NOT_IN_STRICT);
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                strip(it.next().getValue());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ToolSchemas::strip);
        }
    }
}
