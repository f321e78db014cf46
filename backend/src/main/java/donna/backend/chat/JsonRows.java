package donna.backend.chat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.Json;
import java.util.ArrayList;
import java.util.List;

/** Decodes the JSON arrays Postgres aggregates for us (history and memory come back in one row). */
final class JsonRows {
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
        return Json.tree(json == null ? "[]" : json);
    }
}
