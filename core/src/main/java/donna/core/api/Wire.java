package donna.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import donna.core.ServiceError;
import donna.core.chat.ChatMessage;
import donna.core.chat.ChatReply;
import donna.core.chat.MessagePage;
import donna.core.chat.Profile;
import donna.core.chat.SessionPage;
import donna.core.chat.SessionSummary;
import donna.core.tools.ToolJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** JSON trees of the service's answers to the typed records. Tolerant: missing fields become null/defaults. */
final class Wire {
    private Wire() {}

    static Health health(JsonNode n) {
        return new Health(n.path("ok").asBoolean(false), text(n, "service"), text(n, "version"), instant(n, "time"));
    }

    static Me me(JsonNode n) {
        JsonNode u = n.path("user");
        Optional<Me.User> user = u.isObject()
                ? Optional.of(new Me.User(text(u, "id"), text(u, "clerk_id"), text(u, "email")))
                : Optional.empty();
        return new Me(text(n, "auth"), user);
    }

    static ChatReply chatReply(JsonNode n) {
        JsonNode m = n.path("metadata");
        JsonNode args = m.get("action_args");
        return new ChatReply(text(n, "reply"), text(n, "action"), new ChatReply.Metadata(
                Profile.fromWire(text(m, "profile")), m.path("abuse_detected").asBoolean(false), text(m, "chat_id"),
                m.path("authenticated").asBoolean(false), args == null || args.isNull() ? null : args,
                ToolJson.actions(m.path("actions")), ToolJson.steps(m.path("tool_steps"))));
    }

    static SessionSummary session(JsonNode n) {
        return new SessionSummary(text(n, "chat_id"), text(n, "title"), Profile.fromWire(text(n, "profile")),
                instant(n, "created_at"), instant(n, "last_message_at"), text(n, "last_message"));
    }

    static SessionPage sessionPage(JsonNode n) {
        List<SessionSummary> list = new ArrayList<>();
        n.path("sessions").forEach(s -> list.add(session(s)));
        JsonNode next = n.path("next_offset");
        return new SessionPage(list, next.isIntegralNumber() ? OptionalInt.of(next.asInt()) : OptionalInt.empty());
    }

    static MessagePage messagePage(JsonNode n) {
        List<ChatMessage> list = new ArrayList<>();
        n.path("messages").forEach(m -> list.add(new ChatMessage(text(m, "id"), text(m, "role"), text(m, "content"),
                text(m, "source"), instant(m, "created_at"), donna.core.tools.ToolJson.steps(m.path("tool_steps")))));
        return new MessagePage(list, n.path("has_more").asBoolean(false));
    }

    static List<MemoryEntry> memory(JsonNode n) {
        List<MemoryEntry> list = new ArrayList<>();
        n.path("memory").forEach(m -> list.add(new MemoryEntry(text(m, "key"), m.path("value"),
                instant(m, "updated_at"))));
        return list;
    }

    /** The error envelope, or null when the body is not one (a proxy's HTML page, say). */
    static ServiceError error(int status, JsonNode n, String traceIdHeader) {
        JsonNode e = n == null ? null : n.get("error");
        if (e == null || !e.isObject()) {
            return null;
        }
        String trace = text(e, "traceId");
        return new ServiceError(status, Optional.ofNullable(text(e, "code")).orElse("http_" + status),
                Optional.ofNullable(text(e, "message")).orElse("HTTP " + status), trace != null ? trace : traceIdHeader);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // Postgres-style offsets ("+00:00") are also ISO-8601, just not Instant's narrow form.
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
