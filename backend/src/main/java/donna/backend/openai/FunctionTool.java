package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A function the model may call: name, description, and its parameters as a JSON schema object. */
public record FunctionTool(String name, String description, JsonNode parameters) {
    public FunctionTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
    }
}
