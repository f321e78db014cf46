package donna.app.insights;

import donna.core.insights.ConversationSort;

/** The list's order, sorted by the service so paging stays right: newest first, or by health. */
public enum SortChoice {
    RECENT("Newest first", ConversationSort.RECENT), WORST("Lowest health first", ConversationSort.HEALTH_ASC),
    BEST("Highest health first", ConversationSort.HEALTH_DESC);

    private final String label;
    private final ConversationSort wire;

    SortChoice(String label, ConversationSort wire) {
        this.label = label;
        this.wire = wire;
    }

    public ConversationSort wire() {
        return wire;
    }

    static SortChoice of(ConversationSort sort) {
        for (SortChoice c : values()) {
            if (c.wire == sort) {
                return c;
            }
        }
        return RECENT;
    }

    @Override
    public String toString() {
        return label;
    }
}
