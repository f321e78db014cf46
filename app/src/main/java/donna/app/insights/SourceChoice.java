package donna.app.insights;

import donna.core.insights.Conversation;

/** Whose conversations to look at: all, DONNA's typed or voice chats, or those outside apps sent. */
public enum SourceChoice {
    ALL("All sources", null), TYPED("Typed chat", Conversation.DONNA_CHAT), VOICE("Voice", Conversation.DONNA_VOICE),
    API("API", Conversation.API);

    private final String label;
    private final String wire;

    SourceChoice(String label, String wire) {
        this.label = label;
        this.wire = wire;
    }

    /** The service's {@code source} value; null for all. */
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return label;
    }
}
