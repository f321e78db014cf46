package donna.core.chat;

import donna.core.tools.ToolStep;
import java.time.Instant;
import java.util.List;

/**
 * One stored message of a session.
 *
 * @param role   {@code user} or {@code assistant} (kept as text: the service may add roles)
 * @param source {@code chat} or {@code voice}
 * @param toolSteps what DONNA did before this reply (the service keeps them with the turn); empty for most
 */
public record ChatMessage(String id, String role, String content, String source, Instant createdAt,
                          List<ToolStep> toolSteps) {

    public ChatMessage {
        toolSteps = toolSteps == null ? List.of() : List.copyOf(toolSteps);
    }

    public ChatMessage(String id, String role, String content, String source, Instant createdAt) {
        this(id, role, content, source, createdAt, List.of());
    }

    public boolean fromUser() {
        return "user".equals(role);
    }
}
