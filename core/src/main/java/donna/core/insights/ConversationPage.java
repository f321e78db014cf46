package donna.core.insights;

import java.util.List;

/** One page of the list; {@code nextCursor} null on the last. */
public record ConversationPage(List<Conversation> conversations, String nextCursor) {

    public ConversationPage {
        conversations = List.copyOf(conversations);
    }
}
