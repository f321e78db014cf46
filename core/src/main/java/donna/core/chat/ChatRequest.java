package donna.core.chat;

import java.util.Objects;

/**
 * What the app sends to {@code POST /api/chat}.
 *
 * @param chatId  the session to continue; null starts a new one
 * @param profile null lets the service use the session's (or its default) profile
 */
public record ChatRequest(String message, String chatId, Profile profile) {
    public ChatRequest {
        Objects.requireNonNull(message, "message");
    }
}
