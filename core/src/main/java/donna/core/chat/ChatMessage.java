package donna.core.chat;

import java.time.Instant;

/**
 * One stored message of a session.
 *
 * @param role   {@code user} or {@code assistant} (kept as text: the service may add roles)
 * @param source {@code chat} or {@code voice}
 */
public record ChatMessage(String id, String role, String content, String source, Instant createdAt) {

    public boolean fromUser() {
        return "user".equals(role);
    }
}
