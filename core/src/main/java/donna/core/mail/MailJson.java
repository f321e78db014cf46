package donna.core.mail;

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
 * The Gmail routes' JSON (docs/api.md, "Gmail") to the mail records and back. Used by {@code BackendClient};
 * tolerant like the rest of the client: missing fields become null, false or empty.
 */
public final class MailJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MailJson() {}

    public static GmailStatus status(JsonNode n) {
        return new GmailStatus(GmailStatus.State.fromWire(text(n, "status")), text(n, "email"));
    }

    public static MailPage page(JsonNode n) {
        List<MailSummary> list = new ArrayList<>();
        n.path("messages").forEach(m -> list.add(new MailSummary(text(m, "id"), text(m, "thread_id"),
                text(m, "from"), text(m, "to"), text(m, "subject"), instant(m, "date"), text(m, "snippet"),
                m.path("unread").asBoolean(false))));
        return new MailPage(list, text(n, "next_page_token"));
    }

    /** {@code GET /api/gmail/threads/{id}}: the thread's messages as list rows, oldest first. */
    public static List<MailSummary> thread(JsonNode n) {
        return page(n).messages();
    }

    public static MailMessage message(JsonNode m) {
        return new MailMessage(text(m, "id"), text(m, "thread_id"), text(m, "from"), text(m, "to"), text(m, "cc"),
                text(m, "subject"), instant(m, "date"), text(m, "snippet"), m.path("unread").asBoolean(false),
                text(m, "text"), text(m, "html"), text(m, "message_id_header"), text(m, "references"));
    }

    public static DraftReply draft(JsonNode n) {
        return new DraftReply(strings(n.path("to")), strings(n.path("cc")), text(n, "subject"), text(n, "body"),
                text(n, "reply_to_message_id"));
    }

    public static SendResult sendResult(JsonNode n) {
        return new SendResult(text(n, "status"), text(n, "id"), text(n, "thread_id"), text(n, "message_id"),
                n.path("replayed").asBoolean(false));
    }

    public static AutopilotSettings settings(JsonNode n) {
        return new AutopilotSettings(n.path("enabled").asBoolean(false), n.path("send_without_review").asBoolean(false),
                n.path("per_run_cap").asInt(0), n.path("per_day_cap").asInt(0));
    }

    public static List<AutopilotDraft> drafts(JsonNode n) {
        List<AutopilotDraft> list = new ArrayList<>();
        n.path("drafts").forEach(d -> list.add(new AutopilotDraft(text(d, "id"), text(d, "message_id"),
                strings(d.path("to")), text(d, "subject"), text(d, "body"), instant(d, "created_at"))));
        return list;
    }

    public static AutopilotRun run(JsonNode n) {
        List<AutopilotRun.Skipped> skipped = new ArrayList<>();
        n.path("skipped").forEach(s -> skipped.add(new AutopilotRun.Skipped(text(s, "message_id"),
                text(s, "reason"))));
        return new AutopilotRun(n.path("drafted").asInt(0), n.path("sent").asInt(0), skipped);
    }

    // ---- request bodies

    public static ObjectNode oauthStart(String redirectUri, String codeChallenge, String state) {
        return NODES.objectNode().put("redirect_uri", redirectUri).put("code_challenge", codeChallenge)
                .put("state", state);
    }

    public static ObjectNode oauthCallback(String code, String codeVerifier, String redirectUri) {
        return NODES.objectNode().put("code", code).put("code_verifier", codeVerifier)
                .put("redirect_uri", redirectUri);
    }

    public static ObjectNode draftRequest(String messageId, String instructions) {
        ObjectNode body = NODES.objectNode().put("message_id", messageId);
        if (instructions != null && !instructions.isBlank()) {
            body.put("instructions", instructions);
        }
        return body;
    }

    public static ObjectNode outgoing(OutgoingMail mail) {
        ObjectNode body = NODES.objectNode();
        body.set("to", array(mail.to()));
        body.set("cc", array(mail.cc()));
        body.set("bcc", array(mail.bcc()));
        body.put("subject", mail.subject()).put("body", mail.body());
        if (mail.replyToMessageId() != null) {
            body.put("reply_to_message_id", mail.replyToMessageId());
        }
        return body;
    }

    public static ObjectNode settings(AutopilotSettings s) {
        return NODES.objectNode().put("enabled", s.enabled()).put("send_without_review", s.sendWithoutReview())
                .put("per_run_cap", s.perRunCap()).put("per_day_cap", s.perDayCap());
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(JsonNode n, String field) {
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
