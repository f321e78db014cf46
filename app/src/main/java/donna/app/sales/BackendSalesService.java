package donna.app.sales;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.app.connection.BackendConnection;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.leads.Lead;
import donna.core.leads.LeadFilter;
import donna.core.leads.LeadScan;
import donna.core.mail.MailSummary;
import donna.core.tools.Draft;
import donna.core.tools.ToolCallResult;
import donna.core.tools.ToolJson;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** {@link SalesService} over the companion service; fails with "starting" until the connection is up. */
public final class BackendSalesService implements SalesService {
    /**
     * What the follow-up should say, as the person would ask for it (the drafting model words it in their tone):
     * nothing taken from the lead's mail, which reaches the model only as the mail being answered.
     */
    static final String FOLLOW_UP = "Say: I wanted to follow up on this. Would a short call this week suit you?";
    private static final int MAX_THREADS_SHOWN = 10;

    private final BackendConnection connection;

    public BackendSalesService(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public List<Lead> leads(LeadFilter filter) {
        return connection.client().leads(filter);
    }

    @Override
    public Lead setStage(String leadId, String stage) {
        return connection.client().setLeadStage(leadId, stage);
    }

    @Override
    public LeadScan startScan() {
        return connection.client().leadsClient().startScan();
    }

    @Override
    public LeadScan scan(String scanId) {
        return connection.client().leadsClient().scan(scanId);
    }

    @Override
    public LeadScan cancelScan(String scanId) {
        return connection.client().leadsClient().cancelScan(scanId);
    }

    @Override
    public List<Lead> accept(String scanId, List<String> emails) {
        return connection.client().leadsClient().accept(scanId, emails);
    }

    @Override
    public Lead edit(String leadId, String notes, LocalDate nextFollowUp) {
        return connection.client().leadsClient().edit(leadId, notes, null, nextFollowUp);
    }

    /** Each thread's first mail, read by the thread's id (Gmail's threads.get). Newest thread first, at most ten. */
    @Override
    public List<LeadThread> threads(Lead lead) {
        List<LeadThread> out = new ArrayList<>();
        List<String> ids = new ArrayList<>(lead.threads());
        java.util.Collections.reverse(ids);
        for (String id : ids.subList(0, Math.min(ids.size(), MAX_THREADS_SHOWN))) {
            try {
                List<MailSummary> messages = connection.client().mailThread(id);
                if (messages.isEmpty()) {
                    out.add(new LeadThread(id, null, null, null, null, "This thread has no mail left in Gmail"));
                } else {
                    MailSummary m = messages.getFirst();
                    out.add(new LeadThread(id, m.from(), m.subject(), m.date(), m.snippet(), null));
                }
            } catch (ServiceException e) {
                out.add(new LeadThread(id, null, null, null, null, e.error().message()));
            }
        }
        return out;
    }

    /**
     * The mail a follow-up answers: the lead's newest in the thread (not the person's own reply, which would address
     * the person), else the thread's first.
     */
    static String newestFromLead(Lead lead, List<MailSummary> thread) {
        if (thread.isEmpty()) {
            throw new ServiceException(new ServiceError(0, "not_found",
                    "The mail this lead came from is no longer in Gmail", null));
        }
        String email = lead.email() == null ? null : lead.email().toLowerCase(java.util.Locale.ROOT);
        return thread.reversed().stream()
                .filter(m -> email != null && m.from() != null
                        && m.from().toLowerCase(java.util.Locale.ROOT).contains(email))
                .findFirst().orElse(thread.getFirst()).id();
    }

    @Override
    public Draft draftFollowUp(Lead lead) {
        ToolCallResult result;
        if (!lead.threads().isEmpty()) {
            ObjectNode args = JsonNodeFactory.instance.objectNode()
                    .put("message_id", newestFromLead(lead, connection.client().mailThread(lead.threads().getLast())))
                    .put("instructions", FOLLOW_UP);
            result = connection.client().callTool("draft_reply", args, null, null, null, true);
        } else if (lead.email() != null) {
            ObjectNode args = JsonNodeFactory.instance.objectNode().put("subject", "Following up")
                    .put("body", plainFollowUp(lead));
            args.putArray("to").add(lead.email());
            result = connection.client().callTool("compose_mail", args, null, null, null, true);
        } else {
            throw new ServiceException(new ServiceError(0, "no_address",
                    "This lead has no email address to write to", null));
        }
        if (result.failed()) {
            throw new ServiceException(new ServiceError(0, result.output().path("error").path("code").asText(),
                    result.errorMessage(), null));
        }
        // The card of draft_ready is {"draft":{...}} (docs/api.md, tools); its output carries the draft too.
        Draft draft = result.card() == null ? null : ToolJson.draft(result.card().path("draft"));
        if (draft == null) {
            draft = ToolJson.draft(result.output().path("draft"));
        }
        if (draft == null) {
            throw new ServiceException(new ServiceError(0, "invalid_response", "The draft tool gave no draft", null));
        }
        return draft;
    }

    /** A new mail's text when there is no thread to answer: plain, the person edits it before Send. */
    static String plainFollowUp(Lead lead) {
        String first = lead.name() == null || lead.name().isBlank() ? "" : " " + lead.name().strip().split("\\s+")[0];
        return "Hi" + first + ",\n\nI wanted to follow up on our conversation. Would a short call this week suit "
                + "you?\n\nBest regards";
    }
}
