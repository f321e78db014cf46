package donna.backend.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where DONNA's own conversations are mirrored once saved (Insights scores them, issue 13). An implementation must
 * never fail the turn: mirroring is a side effect of a chat, not part of it.
 */
@FunctionalInterface
public interface ChatMirror {
    ChatMirror NONE = (owner, chatId, voice, messages) -> { };

    /** A message as mirrored: a typed turn's user message, its tool steps ("tool") and its reply. */
    record Message(String role, String content, Instant at, Map<String, Object> metadata) {}

    /** @param voice the messages are a voice session's transcript rather than a typed turn */
    void mirror(UUID owner, String chatId, boolean voice, List<Message> messages);

    /** This mirror, then {@code next} (each guarding itself: one failing does not stop the other). */
    default ChatMirror andThen(ChatMirror next) {
        return (owner, chatId, voice, messages) -> {
            mirror(owner, chatId, voice, messages);
            next.mirror(owner, chatId, voice, messages);
        };
    }
}
