package donna.core.leads;

import java.util.List;

/**
 * A "Find leads in my inbox" run as the service reports it.
 *
 * @param status  {@code running}, {@code cancelling}, {@code done}, {@code cancelled} or {@code failed}
 * @param mails   inbox mails read
 * @param scanned senders judged so far, of {@code total}
 * @param skipped senders left out (own address, no-reply, lists, known leads, not a lead, ...)
 * @param error   why it failed, in the service's words; null otherwise
 */
public record LeadScan(String id, String status, int mails, int scanned, int total, List<LeadProposal> proposals,
        int skipped, String error) {
    public LeadScan {
        proposals = proposals == null ? List.of() : List.copyOf(proposals);
    }

    /** Still working (or stopping): asked again for progress. */
    public boolean active() {
        return "running".equals(status) || "cancelling".equals(status);
    }
}
