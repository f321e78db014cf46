package donna.core.chat;

import java.util.Objects;

/**
 * What the app sends to {@code POST /api/chat}.
 *
 * @param chatId       the session to continue; null starts a new one
 * @param profile      null lets the service use the session's (or its default) profile
 * @param clientOutbox the caller queues confirmed mail in its own outbox (the desktop app), so the service does not
 *                     send it itself
 */
public record ChatRequest(String message, String chatId, Profile profile, boolean clientOutbox) {
    public ChatRequest {
        Objects.requireNonNull(message, "message");
    }

    /** A turn from a client without an outbox: confirmed mail is sent by the service. */
    public ChatRequest(String message, String chatId, Profile profile) {
        this(message, chatId, profile, false);
    }
}
