package donna.core.leads;

/**
 * A sender "Find leads in my inbox" proposes as a lead; nothing is stored until the person accepts it. Its fields
 * came from a mail and the model: shown as text, never acted upon.
 *
 * @param messageId the newest inbox mail from this sender
 * @param threadId  that mail's thread, stored with the lead when accepted
 */
public record LeadProposal(String name, String email, String company, String category, String reason,
        String messageId, String threadId, String subject) {}
