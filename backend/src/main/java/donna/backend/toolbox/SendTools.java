package donna.backend.toolbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.actions.ActionService;
import donna.backend.actions.ConfirmResult;
import donna.backend.actions.Origin;
import donna.backend.actions.PendingAction;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolOutcome;
import java.util.UUID;

/** {@code send_draft} (asks; never sends) and {@code confirm_action} (the model relaying the person's yes). */
final class SendTools {
    private final ActionService actions;
    private final ObjectMapper mapper;

    SendTools(ActionService actions, ObjectMapper mapper) {
        this.actions = actions;
        this.mapper = mapper;
    }

    ToolOutcome sendDraft(ToolCallContext ctx, JsonNode args) {
        UUID id = uuid(args.get("draft_id").asText());
        if (id == null) {
            return ToolOutcome.error("not_found", "No draft has that id");
        }
        PendingAction action = actions.requestSend(ctx.user(), id, origin(ctx));
        ObjectNode out = mapper.createObjectNode().put("status", "confirmation_needed")
                .put("action_id", action.id().toString()).put("read_back", action.readBack())
                .put("requires_click", action.requiresClick());
        out.set("action", mapper.valueToTree(action));
        out.put("next", action.requiresClick()
                ? "Nothing was sent. Read this back and tell the user to click Send on the card: a new address can "
                        + "only be confirmed by their click, so do not call confirm_action."
                : "Nothing was sent yet. Read this back to the user and wait for their yes in their next turn; only "
                        + "then call confirm_action with action_id.");
        ObjectNode card = mapper.createObjectNode();
        card.set("action", mapper.valueToTree(action));
        return new ToolOutcome(out, "confirmation_needed", card, "Asked to send to " + MailTools.clip(
                String.join(", ", action.to()), 80) + (action.requiresClick() ? " (new address: click to send)" : ""));
    }

    ToolOutcome confirmAction(ToolCallContext ctx, JsonNode args) {
        UUID id = uuid(args.get("action_id").asText());
        if (id == null) {
            return ToolOutcome.error("not_found", "No action has that id");
        }
        ConfirmResult result = actions.confirmByModel(ctx.user(), id, origin(ctx));
        ObjectNode out = mapper.createObjectNode();
        String status = result.mail().send() == null ? "queued" : result.mail().send().status();
        out.put("status", status);
        out.put("note", switch (status) {
            case "queued" -> "Confirmed: the mail is in the user's outbox and goes out from there.";
            case "sent" -> "Confirmed and sent.";
            default -> "Confirmed, but sending failed: " + result.mail().send().error();
        });
        out.set("action", mapper.valueToTree(result.action()));
        ObjectNode card = mapper.createObjectNode();
        card.set("action", mapper.valueToTree(result.action()));
        card.set("mail", mapper.valueToTree(result.mail()));
        if ("failed".equals(status)) {
            return new ToolOutcome(out, "send_confirmed", card, "Confirmed; sending failed");
        }
        return new ToolOutcome(out, "send_confirmed", card, "Confirmed: mail " + status);
    }

    private static Origin origin(ToolCallContext ctx) {
        return new Origin(ctx.chatId(), ctx.turnId(), ctx.userItemId(), ctx.userText(), ctx.clientOutbox(),
                ctx.channel());
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
