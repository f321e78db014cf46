package donna.core.leads;

/**
 * What {@code GET /api/leads} lists; null fields do not filter.
 *
 * @param q           words in the name, email, company or notes
 * @param followUpDue only leads whose follow-up is due today or earlier
 */
public record LeadFilter(String stage, String category, String q, boolean followUpDue) {
    public static LeadFilter all() {
        return new LeadFilter(null, null, null, false);
    }
}
