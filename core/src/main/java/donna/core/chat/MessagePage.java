package donna.core.chat;

import java.util.List;

/** One page of messages, oldest first; {@code hasMore} says older ones exist (page back with the first id). */
public record MessagePage(List<ChatMessage> messages, boolean hasMore) {
    public MessagePage {
        messages = List.copyOf(messages);
    }
}
