package donna.backend.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Decodes the JSON arrays Postgres aggregates for us (history and memory come back in one row). */
final class JsonRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRows() {}

    static List<LanguageModel.Turn> turns(String json) {
        List<LanguageModel.Turn> turns = new ArrayList<>();
        for (JsonNode pair : parse(json)) {
            turns.add(new LanguageModel.Turn(pair.get(0).asText(), pair.get(1).asText()));
        }
        return turns;
    }

    static List<String> strings(String json) {
        List<String> values = new ArrayList<>();
        parse(json).forEach(node -> values.add(node.asText()));
        return values;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json == null ? "[]" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("database returned malformed JSON", e);
        }
    }
}
