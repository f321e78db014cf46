package donna.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tool routes' JSON (docs/api.md, "Tools: DONNA acts") to the records and back. Tolerant like the rest of the
 * client: missing fields become null, false or empty, and an object the app cannot use is left out, never guessed.
 */
public final class ToolJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ToolJson() {}

    /** A draft object, or null when {@code n} has no id. */
    public static Draft draft(JsonNode n) {
        String id = text(n, "id");
        if (id == null) {
            return null;
        }
        return new Draft(id, strings(n.path("to")), strings(n.path("cc")), text(n, "subject"), text(n, "body"),
                text(n, "in_reply_to"), text(n, "thread_id"), text(n, "reply_to_message_id"), text(n, "status"),
                instant(n, "created_at"), instant(n, "updated_at"));
    }

    /** An action object, or null when {@code n} has no id. */
    public static PendingAction action(JsonNode n) {
        String id = text(n, "id");
        if (id == null) {
            return null;
        }
        return new PendingAction(id, text(n, "kind"), text(n, "draft_id"), strings(n.path("to")),
                strings(n.path("cc")), text(n, "subject"), text(n, "body"), strings(n.path("new_addresses")),
                n.path("requires_click").asBoolean(false), text(n, "status"), text(n, "chat_id"),
                instant(n, "created_at"));
    }

    /** A mail for the outbox, or null when it has no idempotency key (nothing could send it exactly once). */
    public static ConfirmedMail mail(JsonNode n) {
        String key = text(n, "idempotency_key");
        if (key == null || key.isBlank()) {
            return null;
        }
        return new ConfirmedMail(key, strings(n.path("to")), strings(n.path("cc")), text(n, "subject"),
                text(n, "body"), text(n, "in_reply_to"), text(n, "thread_id"), text(n, "reply_to_message_id"));
    }

    public static ToolStep step(JsonNode n) {
        JsonNode d = n.get("duration_ms");
        return new ToolStep(text(n, "call_id"), text(n, "name"), ToolStep.Status.fromWire(text(n, "status")),
                text(n, "summary"), d != null && d.isNumber() ? d.asLong() : -1);
    }

    public static List<ToolStep> steps(JsonNode array) {
        List<ToolStep> out = new ArrayList<>();
        array.forEach(s -> out.add(step(s)));
        return out;
    }

    /**
     * {@code metadata.actions}. Each entry is {@code {"type", "draft"|"action"|"mail"|"key","value"}}; a service
     * that flattens the card into the entry ({@code {"type", ...draft fields}}) is read too. Unknown types and
     * entries without what they need are left out.
     */
    public static List<TurnAction> actions(JsonNode array) {
        List<TurnAction> out = new ArrayList<>();
        for (JsonNode a : array) {
            TurnAction parsed = switch (String.valueOf(text(a, "type"))) {
                case "draft_ready" -> {
                    Draft d = draft(inner(a, "draft"));
                    yield d == null ? null : new TurnAction.DraftReady(d);
                }
                case "confirmation_needed" -> {
                    PendingAction p = action(inner(a, "action"));
                    yield p == null ? null : new TurnAction.ConfirmationNeeded(p);
                }
                case "send_confirmed" -> {
                    PendingAction p = action(inner(a, "action"));
                    ConfirmedMail m = mail(a.path("mail"));
                    yield p == null || m == null ? null : new TurnAction.SendConfirmed(p, m);
                }
                case "memory_saved" -> text(a, "key") == null ? null
                        : new TurnAction.MemorySaved(text(a, "key"), a.path("value"));
                default -> null;
            };
            if (parsed != null) {
                out.add(parsed);
            }
        }
        return out;
    }

    public static Confirmation confirmation(JsonNode n) {
        return new Confirmation(action(n.path("action")), mail(n.path("mail")));
    }

    public static ToolCallResult callResult(JsonNode n) {
        JsonNode card = n.get("card");
        return new ToolCallResult(n.path("output"), text(n, "action"),
                card == null || card.isNull() ? null : card, text(n, "summary"));
    }

    /**
     * The pending action {@code send_draft} made: in the answer's {@code card} (as {@code card.action} or the card
     * itself), else in its {@code output} (as {@code output.action} or the output itself); null when there is none.
     */
    public static PendingAction pendingActionOf(ToolCallResult result) {
        for (JsonNode n : new JsonNode[] {result.card(), result.output()}) {
            if (n == null || !n.isObject()) {
                continue;
            }
            JsonNode candidate = n.path("action").isObject() ? n.path("action") : n;
            if (candidate.has("draft_id") || candidate.has("kind")) {
                PendingAction p = action(candidate);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    // ---- request bodies

    public static ObjectNode draftEdit(DraftEdit edit) {
        ObjectNode body = NODES.objectNode();
        if (edit.to() != null) {
            body.set("to", array(edit.to()));
        }
        if (edit.cc() != null) {
            body.set("cc", array(edit.cc()));
        }
        if (edit.subject() != null) {
            body.put("subject", edit.subject());
        }
        if (edit.body() != null) {
            body.put("body", edit.body());
        }
        return body;
    }

    // ---- helpers

    /** {@code n.field} when it is an object, else {@code n} itself (a card flattened into its entry). */
    private static JsonNode inner(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isObject() ? v : n;
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isTextual()) {
            out.add(array.asText()); // one address sent as a string instead of a list
        }
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(JsonNode n, String field) {
        if (n == null) {
            return null;
        }
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        try {
            return s == null || s.isBlank() ? null : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
