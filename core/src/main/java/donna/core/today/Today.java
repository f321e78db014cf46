package donna.core.today;

import donna.core.leads.Lead;
import donna.core.mail.AutopilotDraft;
import java.util.List;

/**
 * The front desk's day (docs/api.md, "Today"): messages taken and not yet done (oldest first), unread mail the
 * model triaged and where that stands, autopilot's drafts waiting for review, sent mail with no reply after
 * {@code followUpDays} days, and the leads whose follow-up is due.
 *
 * @param followUpsError why the sent mail could not be checked for replies (then {@code followUps} is empty because
 *                       nobody looked, not because nothing waits); null when it was checked
 */
public record Today(List<TakenMessage> messages, List<Lead> leadFollowUps, List<TriagedMail> triage,
        TriageStatus triageStatus, List<AutopilotDraft> reviewQueue, List<SentFollowUp> followUps,
        int followUpDays, String followUpsError) {
    public static final int DEFAULT_FOLLOW_UP_DAYS = 3;

    public Today {
        messages = List.copyOf(messages);
        leadFollowUps = List.copyOf(leadFollowUps);
        triage = List.copyOf(triage);
        triageStatus = triageStatus == null ? TriageStatus.UNKNOWN : triageStatus;
        reviewQueue = List.copyOf(reviewQueue);
        followUps = List.copyOf(followUps);
    }

    /** A day whose sent mail was checked for replies. */
    public Today(List<TakenMessage> messages, List<Lead> leadFollowUps, List<TriagedMail> triage,
            TriageStatus triageStatus, List<AutopilotDraft> reviewQueue, List<SentFollowUp> followUps,
            int followUpDays) {
        this(messages, leadFollowUps, triage, triageStatus, reviewQueue, followUps, followUpDays, null);
    }

    /** Messages and lead follow-ups only (Gmail's parts empty). */
    public Today(List<TakenMessage> messages, List<Lead> leadFollowUps) {
        this(messages, leadFollowUps, List.of(), TriageStatus.UNKNOWN, List.of(), List.of(), DEFAULT_FOLLOW_UP_DAYS);
    }
}
