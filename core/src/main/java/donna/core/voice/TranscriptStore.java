package donna.core.voice;

import donna.core.chat.NewMessage;
import java.util.List;

/** Persists voice transcripts into a chat session (the companion service's {@code POST /api/db/chat}); blocking. */
@FunctionalInterface
public interface TranscriptStore {
    /**
     * @param chatId the session, or null to start one
     * @return the session's chat id
     */
    String append(String chatId, List<NewMessage> messages);
}
