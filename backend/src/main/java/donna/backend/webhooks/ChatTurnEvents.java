package donna.backend.webhooks;

import donna.backend.chat.ChatMirror;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces each saved chat turn (typed, or a voice session's transcript) as {@code chat.turn} to the owner's
 * webhooks that asked for it: the chat's id, where it came from, and its messages (the person chose to send their
 * own conversation to their own tool). Never fails the turn.
 */
public final class ChatTurnEvents implements ChatMirror {
    private static final Logger log = LoggerFactory.getLogger(ChatTurnEvents.class);

    private final WebhookEvents events;

    public ChatTurnEvents(WebhookEvents events) {
        this.events = events;
    }

    @Override
    public void mirror(UUID owner, String chatId, boolean voice, List<Message> messages) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chat_id", chatId);
        data.put("source", voice ? "voice" : "typed");
        data.put("messages", messages.stream().map(m -> {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", m.role());
            message.put("content", m.content());
            message.put("at", m.at() == null ? null : m.at().toString());
            return message;
        }).toList());
        try {
            events.publish(owner, EventTypes.CHAT_TURN, events.tree(data));
        } catch (RuntimeException e) {
            log.warn("chat.turn not queued for chat {}: {}", chatId, e.getClass().getSimpleName());
        }
    }
}
