package donna.backend.toolbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import donna.backend.memory.MemoryStore;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolOutcome;

/** {@code remember} and {@code forget}: the user's memory, with its caps. */
final class MemoryTools {
    private final MemoryStore memory;
    private final ObjectMapper mapper;

    MemoryTools(MemoryStore memory, ObjectMapper mapper) {
        this.memory = memory;
        this.mapper = mapper;
    }

    ToolOutcome remember(ToolCallContext ctx, JsonNode args) {
        String key = args.get("key").asText().strip();
        String value = args.get("value").asText();
        if (!MemoryStore.KEY.matcher(key).matches()) {
            return ToolOutcome.error("invalid_key", "A memory key is 1-100 letters, digits, spaces or _.:-");
        }
        memory.put(ctx.user().id(), key, TextNode.valueOf(value)); // memory_full becomes the call's error
        ObjectNode out = mapper.createObjectNode().put("status", "saved").put("key", key).put("value", value);
        return new ToolOutcome(out, "memory_saved", mapper.createObjectNode().put("key", key).put("value", value),
                "Remembered " + MailTools.clip(key, 60));
    }

    ToolOutcome forget(ToolCallContext ctx, JsonNode args) {
        String key = args.get("key").asText().strip();
        if (!memory.forget(ctx.user().id(), key)) {
            return ToolOutcome.error("not_found", "Nothing is remembered under \"" + MailTools.clip(key, 60) + "\"");
        }
        return new ToolOutcome(mapper.createObjectNode().put("status", "forgotten").put("key", key),
                "memory_forgotten", mapper.createObjectNode().put("key", key), "Forgot " + MailTools.clip(key, 60));
    }
}
