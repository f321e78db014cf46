package donna.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import donna.core.ServiceError;
import donna.core.leads.Lead;
import donna.core.leads.LeadJson;
import donna.core.today.TakenMessage;
import donna.core.today.Today;
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
        answer.path("follow_ups").forEach(n -> {
            Lead lead = LeadJson.lead(n);
            if (lead != null) {
                due.add(lead);
            }
        });
        return new Today(messages, due);
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
