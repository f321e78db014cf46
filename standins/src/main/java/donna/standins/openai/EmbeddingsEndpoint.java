package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import donna.standins.support.Exchanges;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/embeddings} as OpenAI documents it: {@code {"model", "input": a string or an array of strings,
 * "dimensions"?, "encoding_format"?}} in, {@code {"object":"list","data":[{"object":"embedding","index",
 * "embedding":[...]}],"model","usage":{"prompt_tokens","total_tokens"}}} out. The vectors are deterministic, not
 * semantic: each word is hashed to a dimension (feature hashing, log-weighted, unit length), so texts that share
 * words point alike and the same text always gets the same vector. Dimensions: {@code dimensions} when given, else
 * 3072 for {@code text-embedding-3-large} and 1536 otherwise.
 */
final class EmbeddingsEndpoint {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_DIMENSIONS = 3072;

    private EmbeddingsEndpoint() {}

    static void answer(HttpExchange exchange, JsonNode request) throws IOException {
        String model = request.path("model").asText("");
        if (model.isEmpty()) {
            Exchanges.sendJson(exchange, 400, OpenAiErrors.body("you must provide a model parameter", null, null));
            return;
        }
        JsonNode input = request.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else if (input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    Exchanges.sendJson(exchange, 400, OpenAiErrors.body("'$.input' is invalid. Please check the API "
                            + "reference: https://platform.openai.com/docs/api-reference.", "input", null));
                    return;
                }
                texts.add(item.asText());
            }
        }
        if (texts.isEmpty() || texts.stream().anyMatch(String::isEmpty)) {
            Exchanges.sendJson(exchange, 400, OpenAiErrors.body("'$.input' is invalid. Please check the API "
                    + "reference: https://platform.openai.com/docs/api-reference.", "input", null));
            return;
        }
        int dimensions = request.has("dimensions") ? request.path("dimensions").asInt(0)
                : model.equals("text-embedding-3-large") ? 3072 : 1536;
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            Exchanges.sendJson(exchange, 400, OpenAiErrors.body("Invalid value for 'dimensions'", "dimensions",
                    null));
            return;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode vector = item.putArray("embedding");
            for (float x : vector(texts.get(i), dimensions)) {
                vector.add(x);
            }
            tokens += words(texts.get(i)).size();
        }
        body.put("model", model);
        body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        Exchanges.sendJson(exchange, 200, body);
    }

    static float[] vector(String text, int dimensions) {
        Map<String, Integer> counts = new HashMap<>();
        words(text).forEach(w -> counts.merge(w, 1, Integer::sum));
        double[] v = new double[dimensions];
        counts.forEach((word, n) -> {
            int h = mix(word.hashCode());
            v[Math.floorMod(h, dimensions)] += (h & 0x4000_0000) == 0 ? 1 + Math.log(n) : -(1 + Math.log(n));
        });
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        float[] out = new float[dimensions];
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            out[i] = (float) (v[i] * scale);
        }
        return out;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85eb_ca6b;
        h ^= h >>> 13;
        h *= 0xc2b2_ae35;
        return h ^ (h >>> 16);
    }
}
