package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** The JSON objects of the Responses API (response, output items, content parts), shaped as OpenAI sends them. */
final class ResponseObjects {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Ids of one response and its output items (a function call item is {@code fc_<hex>_<its index>}). */
    record Ids(String response, String message, String functionCallPrefix) {
        static Ids fresh() {
            String hex = UUID.randomUUID().toString().replace("-", "");
            return new Ids("resp_" + hex, "msg_" + hex, "fc_" + hex);
        }

        String functionCall(int index) {
            return functionCallPrefix + "_" + index;
        }
    }

    private ResponseObjects() {}

    static ObjectNode response(Ids ids, JsonNode request, String status, ArrayNode output, Reply reply) {
        ObjectNode r = NODES.objectNode();
        r.put("id", ids.response());
        r.put("object", "response");
        r.put("created_at", Instant.now().getEpochSecond());
        r.put("status", status);
        r.putNull("error");
        r.putNull("incomplete_details");
        r.set("instructions", request.path("instructions").isTextual() ? request.get("instructions") : NODES.nullNode());
        r.put("model", request.path("model").asText("gpt-4.1-mini"));
        r.set("output", output);
        r.put("parallel_tool_calls", true);
        r.putNull("previous_response_id");
        r.put("store", request.path("store").asBoolean(true));
        r.put("temperature", 1.0);
        r.put("tool_choice", "auto");
        r.set("tools", request.path("tools").isArray() ? request.get("tools") : NODES.arrayNode());
        r.put("top_p", 1.0);
        r.put("truncation", "disabled");
        r.set("usage", "completed".equals(status) ? usage(request, reply) : NODES.nullNode());
        r.set("metadata", NODES.objectNode());
        return r;
    }

    static ObjectNode message(Ids ids, String status, String text) {
        ObjectNode item = NODES.objectNode();
        item.put("id", ids.message());
        item.put("type", "message");
        item.put("status", status);
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        item.put("role", "assistant");
        return item;
    }

    static ObjectNode functionCall(Ids ids, int index, String status, Reply.Call call, String arguments) {
        ObjectNode item = NODES.objectNode();
        item.put("id", ids.functionCall(index));
        item.put("type", "function_call");
        item.put("status", status);
        item.put("arguments", arguments);
        item.put("call_id", call.callId());
        item.put("name", call.name());
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = NODES.objectNode();
        part.put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }

    /** The finished output array of a reply. */
    static ArrayNode output(Ids ids, Reply reply) {
        ArrayNode output = NODES.arrayNode();
        if (!reply.text().isEmpty()) {
            output.add(message(ids, "completed", reply.text()));
        }
        for (int i = 0; i < reply.calls().size(); i++) {
            Reply.Call call = reply.calls().get(i);
            output.add(functionCall(ids, i, "completed", call, call.argumentsJson()));
        }
        return output;
    }

    /** Rough token counts (4 characters a token): enough for code that reads usage. */
    private static ObjectNode usage(JsonNode request, Reply reply) {
        int in = Math.max(1, request.toString().length() / 4);
        int out = Math.max(1, (reply.text().length()
                + reply.calls().stream().mapToInt(c -> c.argumentsJson().length()).sum()) / 4);
        ObjectNode usage = NODES.objectNode();
        usage.put("input_tokens", in);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", out);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", in + out);
        return usage;
    }
}
