package donna.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import donna.core.ServiceError;
import donna.core.leads.Lead;
import donna.core.leads.LeadJson;
import donna.core.mail.AutopilotDraft;
import donna.core.mail.DraftReply;
import donna.core.mail.MailJson;
import donna.core.today.SentFollowUp;
import donna.core.today.TakenMessage;
import donna.core.today.Today;
import donna.core.today.TriageStatus;
import donna.core.today.TriagedMail;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Today routes (docs/api.md, "Sales leads and Today"), over the same connection as {@link BackendClient}
 * ({@code client.today()}). Blocking; failures are {@link ServiceException}s.
 */
public final class TodayClient {
    private final ServiceHttp http;

    TodayClient(ServiceHttp http) {
        this.http = http;
    }

    public Today load() {
        JsonNode answer = http.get("/api/today");
        List<TakenMessage> messages = new ArrayList<>();
        answer.path("messages").forEach(n -> {
            TakenMessage m = message(n);
            if (m != null) {
                messages.add(m);
            }
        });
        List<Lead> due = new ArrayList<>();
        answer.path("lead_follow_ups").forEach(n -> {
            Lead lead = LeadJson.lead(n);
            if (lead != null) {
                due.add(lead);
            }
        });
        List<TriagedMail> triage = new ArrayList<>();
        answer.path("triage").forEach(n -> {
            if (text(n, "message_id") != null) {
                triage.add(new TriagedMail(text(n, "message_id"), text(n, "bucket"), text(n, "reason"),
                        text(n, "from"), text(n, "subject"), instant(text(n, "received_at"))));
            }
        });
        JsonNode s = answer.path("triage_status");
        TriageStatus status = s.isObject() ? new TriageStatus(text(s, "gmail"), s.path("unread").asInt(0),
                s.path("pending").asInt(0), s.path("running").asBoolean(false), text(s, "error"))
                : TriageStatus.UNKNOWN;
        List<AutopilotDraft> queue = MailJson.drafts(
                http.json().createObjectNode().set("drafts", answer.path("review_queue")));
        List<SentFollowUp> followUps = new ArrayList<>();
        answer.path("follow_ups").forEach(n -> {
            if (text(n, "message_id") != null) {
                followUps.add(new SentFollowUp(text(n, "message_id"), text(n, "thread_id"), text(n, "to"),
                        text(n, "subject"), instant(text(n, "sent_at")), n.path("days_waiting").asLong(0)));
            }
        });
        return new Today(messages, due, triage, status, queue, followUps,
                answer.path("follow_up_days").asInt(Today.DEFAULT_FOLLOW_UP_DAYS), text(answer, "follow_ups_error"));
    }

    /** DONNA's draft of a follow-up to a mail the person sent; never sent (the person reviews and sends it). */
    public DraftReply draftFollowUp(String messageId) {
        JsonNode answer = http.send("POST", "/api/today/follow-ups/" + URLEncoder.encode(messageId,
                StandardCharsets.UTF_8) + "/draft", http.json().createObjectNode());
        return MailJson.draft(answer.path("draft"));
    }

    /** The days a sent mail waits for a reply before it is listed as a follow-up (1-60). */
    public int setFollowUpDays(int days) {
        JsonNode answer = http.send("PUT", "/api/today/settings",
                http.json().createObjectNode().put("follow_up_days", days));
        return answer.path("follow_up_days").asInt(days);
    }

    /** Marks a message done (or open again); answers it as stored. */
    public TakenMessage markDone(String id, boolean done) {
        JsonNode answer = http.send("PATCH", "/api/today/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                http.json().createObjectNode().put("done", done));
        TakenMessage m = message(answer.path("message"));
        if (m == null) {
            throw new ServiceException(new ServiceError(0, "invalid_response",
                    "The service's answer had no message", null));
        }
        return m;
    }

    private static TakenMessage message(JsonNode n) {
        String id = text(n, "id");
        if (id == null) {
            return null;
        }
        return new TakenMessage(id, text(n, "caller_name"), text(n, "contact"), text(n, "message"),
                text(n, "callback_by"), n.path("done").asBoolean(), instant(text(n, "created_at")));
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
    }
}
