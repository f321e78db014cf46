package donna.backend.chat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.Json;
import java.util.ArrayList;
import java.util.List;

/** Decodes the JSON arrays Postgres aggregates for us (history and memory come back in one row). */
final class JsonRows {
    private JsonRows() {}

    /** {@code [[role, content, steps|null], ...]}; steps are {@code [[call_id, name, arguments, output], ...]}. */
    static List<LanguageModel.Turn> turns(String json) {
        List<LanguageModel.Turn> turns = new ArrayList<>();
        for (JsonNode row : parse(json)) {
            turns.add(new LanguageModel.Turn(row.get(0).asText(), row.get(1).asText(), toolItems(row.get(2))));
        }
        return turns;
    }

    /** A past turn's tool steps as the model sees them again: each call followed by its output. */
    private static List<LanguageModel.ToolItem> toolItems(JsonNode steps) {
        List<LanguageModel.ToolItem> items = new ArrayList<>();
        if (steps == null || !steps.isArray()) {
            return items;
        }
        int n = 0;
        for (JsonNode step : steps) {
            n++;
            String callId = step.get(0).asText("");
            if (callId.isEmpty()) {
                callId = "call_past_" + n; // a call and its output only need to agree
            }
            items.add(new LanguageModel.Call(callId, step.get(1).asText(), step.get(2).toString()));
            items.add(new LanguageModel.Output(callId, step.get(3).toString()));
        }
        return items;
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
