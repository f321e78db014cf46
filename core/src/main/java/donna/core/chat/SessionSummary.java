package donna.core.chat;

import java.time.Instant;

/** One row of the session list: newest first, with the last message as a preview. */
public record SessionSummary(String chatId, String title, Profile profile, Instant createdAt,
                             Instant lastMessageAt, String lastMessage) {

    public SessionSummary withTitle(String newTitle) {
        return new SessionSummary(chatId, newTitle, profile, createdAt, lastMessageAt, lastMessage);
    }
}
