package donna.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.ServiceError;
import donna.core.leads.Lead;
import donna.core.leads.LeadJson;
import donna.core.leads.LeadProposal;
import donna.core.leads.LeadScan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The Sales workspace's lead edits and "Find leads in my inbox" (docs/api.md, "Sales leads and Today"), over the
 * same connection as {@link BackendClient} ({@code client.leadsClient()}). Blocking; failures are
 * {@link ServiceException}s in the service's words.
 */
public final class LeadsClient {
    private final ServiceHttp http;

    LeadsClient(ServiceHttp http) {
        this.http = http;
    }

    /** Starts a scan of the newest inbox mail (or answers the one already running). */
    public LeadScan startScan() {
        return scan(http.send("POST", "/api/leads/scan", http.json().createObjectNode()).path("scan"));
    }

    public LeadScan scan(String id) {
        return scan(http.get("/api/leads/scan/" + enc(id)).path("scan"));
    }

    /** Asks the scan to stop; it reports {@code cancelling} until its batch under way ends. */
    public LeadScan cancelScan(String id) {
        return scan(http.send("DELETE", "/api/leads/scan/" + enc(id), null).path("scan"));
    }

    /** Stores the chosen proposals as leads; the leads as stored. */
    public List<Lead> accept(String scanId, List<String> emails) {
        ObjectNode body = http.json().createObjectNode();
        emails.forEach(body.putArray("emails")::add);
        return LeadJson.leads(http.send("POST", "/api/leads/scan/" + enc(scanId) + "/accept", body));
    }

    /** Saves a lead's notes, stage and next follow-up (null clears the day); the lead as stored. */
    public Lead edit(String leadId, String notes, String stage, LocalDate nextFollowUp) {
        ObjectNode body = http.json().createObjectNode().put("notes", notes == null ? "" : notes)
                .put("next_follow_up", nextFollowUp == null ? null : nextFollowUp.toString());
        if (stage != null) {
            body.put("stage", stage);
        }
        Lead lead = LeadJson.lead(http.send("PATCH", "/api/leads/" + enc(leadId), body).path("lead"));
        if (lead == null) {
            throw new ServiceException(new ServiceError(0, "invalid_response",
                    "The service's lead answer was incomplete", null));
        }
        return lead;
    }

    static LeadScan scan(JsonNode n) {
        if (!n.path("id").isTextual()) {
            throw new ServiceException(new ServiceError(0, "invalid_response",
                    "The service's scan answer was incomplete", null));
        }
        List<LeadProposal> proposals = new ArrayList<>();
        n.path("proposals").forEach(p -> proposals.add(new LeadProposal(text(p, "name"), text(p, "email"),
                text(p, "company"), text(p, "category"), text(p, "reason"), text(p, "message_id"),
                text(p, "thread_id"), text(p, "subject"))));
        return new LeadScan(text(n, "id"), text(n, "status"), n.path("mails").asInt(), n.path("scanned").asInt(),
                n.path("total").asInt(), proposals, n.path("skipped").size(),
                text(n.path("error"), "message"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
