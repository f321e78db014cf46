package donna.backend.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration of the service: ISO-8601 times, unknown fields in requests tolerated. */
public final class Json {
    private static final ObjectMapper TREES = new ObjectMapper();

    private Json() {}

    /** JSON text Postgres handed back (jsonb, json_agg) as a tree; it is ours, so malformed means a bug. */
    public static JsonNode tree(String text) {
        try {
            return TREES.readTree(text == null ? "null" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("database returned malformed JSON", e);
        }
    }

    /** {@code value} as a JSON object with {@code "success": true} first, as every route of the service answers. */
    public static ObjectNode success(ObjectMapper mapper, Object value) {
        ObjectNode body = mapper.createObjectNode().put("success", true);
        body.setAll((ObjectNode) mapper.valueToTree(value));
        return body;
    }

    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
