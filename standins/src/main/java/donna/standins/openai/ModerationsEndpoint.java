package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import donna.standins.support.Exchanges;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code POST /v1/moderations}: one result per input text, flagged by the scripted rules. */
final class ModerationsEndpoint {
    /** The categories of omni-moderation, in OpenAI's order. */
    static final List<String> CATEGORIES = List.of("harassment", "harassment/threatening", "hate",
            "hate/threatening", "illicit", "illicit/violent", "self-harm", "self-harm/intent",
            "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic");

    private final Script script;

    ModerationsEndpoint(Script script) {
        this.script = script;
    }

    void answer(HttpExchange exchange, JsonNode request) throws IOException {
        JsonNode input = request.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(item -> texts.add(item.isTextual() ? item.asText() : item.path("text").asText("")));
        } else if (input.isTextual()) {
            texts.add(input.asText());
        } else {
            Exchanges.sendJson(exchange, 400, OpenAiErrors.body("'input' is a required property", "input", null));
            return;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", "modr-" + UUID.randomUUID().toString().replace("-", ""));
        body.put("model", request.path("model").asText("omni-moderation-latest"));
        ArrayNode results = body.putArray("results");
        for (String text : texts) {
            results.add(result(script.flaggedCategories(text)));
        }
        Exchanges.sendJson(exchange, 200, body);
    }

    private static ObjectNode result(List<String> flagged) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("flagged", !flagged.isEmpty());
        ObjectNode categories = result.putObject("categories");
        ObjectNode scores = result.putObject("category_scores");
        ObjectNode inputTypes = result.putObject("category_applied_input_types");
        for (String category : CATEGORIES) {
            boolean hit = flagged.contains(category);
            categories.put(category, hit);
            scores.put(category, hit ? 0.97 : 0.0001);
            inputTypes.putArray(category).add("text");
        }
        // A scripted category outside the standard list still shows up, flagged.
        for (String category : flagged) {
            if (!CATEGORIES.contains(category)) {
                categories.put(category, true);
                scores.put(category, 0.97);
                inputTypes.putArray(category).add("text");
            }
        }
        return result;
    }
}
