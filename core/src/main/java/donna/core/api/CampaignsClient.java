package donna.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.ServiceError;
import donna.core.campaigns.Audience;
import donna.core.campaigns.Campaign;
import donna.core.campaigns.Draft;
import donna.core.campaigns.Preview;
import donna.core.campaigns.RepliesFound;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The campaigns routes (docs/api.md, "Marketing: campaigns"), over the same connection as {@link BackendClient}
 * ({@code client.campaigns()}). Blocking; failures are {@link ServiceException}s in the service's words.
 */
public final class CampaignsClient {
    private final ServiceHttp http;

    CampaignsClient(ServiceHttp http) {
        this.http = http;
    }

    /** Newest first, without their recipients. */
    public List<Campaign> list() {
        List<Campaign> out = new ArrayList<>();
        http.get("/api/campaigns").path("campaigns").forEach(n -> {
            Campaign c = campaign(n);
            if (c != null) {
                out.add(c);
            }
        });
        return out;
    }

    /** One campaign with its recipients. */
    public Campaign get(String id) {
        return required(http.get("/api/campaigns/" + enc(id)).path("campaign"));
    }

    /** Makes a draft (never starts it); the refused rows come back with their reasons. */
    public Draft create(String name, String subject, String body, Audience audience, boolean personalise) {
        ObjectNode request = http.json().createObjectNode().put("name", name).put("subject", subject)
                .put("body", body).put("personalise", personalise);
        putAudience(request, audience);
        return draft(http.send("POST", "/api/campaigns", request));
    }

    /** Changes a draft; a null {@code audience} keeps its recipients. Refused once the campaign started (409). */
    public Draft update(String id, String name, String subject, String body, Audience audience,
            boolean personalise) {
        ObjectNode request = http.json().createObjectNode().put("name", name).put("subject", subject)
                .put("body", body).put("personalise", personalise);
        if (audience != null) {
            putAudience(request, audience);
        }
        return draft(http.send("PATCH", "/api/campaigns/" + enc(id), request));
    }

    private static void putAudience(ObjectNode request, Audience audience) {
        ObjectNode a = request.putObject("audience");
        if (audience.emails() != null) {
            audience.emails().forEach(a.putArray("emails")::add);
        }
        if (audience.csv() != null) {
            a.put("csv", audience.csv());
        }
        if (audience.gmailQuery() != null) {
            a.put("gmail_query", audience.gmailQuery());
        }
    }

    private Draft draft(JsonNode answer) {
        List<Draft.Refused> refused = new ArrayList<>();
        answer.path("refused").forEach(n -> refused.add(new Draft.Refused(n.path("row").asInt(),
                text(n, "value"), text(n, "reason"))));
        return new Draft(required(answer.path("campaign")), refused, answer.path("suppressed").asInt());
    }

    /** What {@code email} gets; null {@code email}: the first recipient. */
    public Preview preview(String id, String email) {
        String query = email == null ? "" : "?email=" + enc(email);
        JsonNode p = http.get("/api/campaigns/" + enc(id) + "/preview" + query).path("preview");
        return new Preview(text(p, "email"), text(p, "subject"), text(p, "body"));
    }

    public Campaign start(String id) {
        return move(id, "start");
    }

    public Campaign pause(String id) {
        return move(id, "pause");
    }

    public Campaign resume(String id) {
        return move(id, "resume");
    }

    public Campaign cancel(String id) {
        return move(id, "cancel");
    }

    /** Looks through the inbox now for replies, unsubscribes and bounces (needs Gmail connected). */
    public RepliesFound refresh(String id) {
        JsonNode answer = http.send("POST", "/api/campaigns/" + enc(id) + "/refresh", null);
        JsonNode found = answer.path("found");
        return new RepliesFound(found.path("replied").asInt(), found.path("unsubscribed").asInt(),
                found.path("bounced").asInt(), required(answer.path("campaign")));
    }

    /** Drafts only. */
    public void delete(String id) {
        http.send("DELETE", "/api/campaigns/" + enc(id), null);
    }

    private Campaign move(String id, String action) {
        return required(http.send("POST", "/api/campaigns/" + enc(id) + "/" + action, null).path("campaign"));
    }

    private static Campaign required(JsonNode n) {
        Campaign c = campaign(n);
        if (c == null) {
            throw new ServiceException(new ServiceError(0, "invalid_response",
                    "The service's answer had no campaign", null));
        }
        return c;
    }

    static Campaign campaign(JsonNode n) {
        String id = text(n, "id");
        if (id == null) {
            return null;
        }
        JsonNode c = n.path("counts");
        Campaign.Counts counts = new Campaign.Counts(c.path("queued").asInt(), c.path("sent").asInt(),
                c.path("failed").asInt(), c.path("replied").asInt(), c.path("unsubscribed").asInt(),
                c.path("skipped").asInt());
        List<Campaign.Recipient> recipients = new ArrayList<>();
        n.path("recipients").forEach(r -> recipients.add(new Campaign.Recipient(text(r, "email"), text(r, "name"),
                text(r, "status"), text(r, "error"), instant(text(r, "sent_at")))));
        return new Campaign(id, text(n, "name"), text(n, "subject"), text(n, "body"), text(n, "status"),
                n.path("daily_cap").asInt(), n.path("personalise").asBoolean(), instant(text(n, "created_at")), instant(text(n, "started_at")),
                instant(text(n, "completed_at")), counts, recipients);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
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
