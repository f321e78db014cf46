package donna.backend.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** jsonb comes back from Postgres as text; this turns it back into a tree for the response. */
final class MemoryJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MemoryJson() {}

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("jsonb column held invalid JSON", e);
        }
    }
}
