package donna.backend.toolbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.today.TakenMessage;
import donna.backend.today.TakenMessageStore;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolOutcome;

/** {@code take_message}: a message for the person, shown in Today until done. Sends nothing. */
final class MessageTools {
    private final TakenMessageStore messages;
    private final ObjectMapper mapper;

    MessageTools(TakenMessageStore messages, ObjectMapper mapper) {
        this.messages = messages;
        this.mapper = mapper;
    }

    ToolOutcome takeMessage(ToolCallContext ctx, JsonNode args) {
        String caller = line(args.get("caller_name").asText());
        if (caller.isEmpty()) {
            return ToolOutcome.error("validation_failed", "caller_name cannot be empty");
        }
        String message = args.get("message").asText().strip();
        if (message.isEmpty()) {
            return ToolOutcome.error("validation_failed", "message cannot be empty");
        }
        JsonNode callback = args.path("callback_by");
        String callbackBy = callback.isTextual() && !callback.asText().isBlank() ? line(callback.asText()) : null;
        TakenMessage taken = messages.take(ctx.user().id(), caller, line(args.get("contact").asText()), message,
                callbackBy);
        ObjectNode out = mapper.createObjectNode().put("status", "taken");
        out.set("message", mapper.createObjectNode().put("id", taken.id().toString())
                .put("caller_name", taken.callerName()).put("contact", taken.contact())
                .put("message", taken.message()).put("callback_by", taken.callbackBy()).put("done", taken.done()));
        out.put("note", "The message waits in the user's Today view; nothing was sent.");
        return ToolOutcome.ok(out, "Took a message from " + MailTools.clip(caller, 60));
    }

    /** One line: control characters (a line break a caller's words carried) become spaces. */
    private static String line(String value) {
        return value.replaceAll("\\p{Cntrl}+", " ").strip();
    }
}
