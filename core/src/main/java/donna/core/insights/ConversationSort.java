package donna.core.insights;

/** The conversation list's order ({@code sort} on {@code GET /api/v1/conversations}). */
public enum ConversationSort {
    /** Newest first (the service's default). */
    RECENT("recent"),
    /** Lowest health first; unscored conversations last. */
    HEALTH_ASC("health_asc"),
    /** Highest health first; unscored conversations last. */
    HEALTH_DESC("health_desc");

    private final String wire;

    ConversationSort(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The sort named {@code wire}; anything unknown (a newer service's) reads as {@link #RECENT}. */
    public static ConversationSort of(String wire) {
        for (ConversationSort s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        return RECENT;
    }
}
