package donna.backend.actions;

/**
 * Where a request to act came from, as far as the confirmation rule cares (the tools' call context, without
 * depending on it).
 *
 * @param chatId       the conversation, or null
 * @param turnId       the typed turn, or null outside one
 * @param userItemId   voice: the user's latest audio item the app knew of, or null
 * @param userText     the user's words that led here, or null (addresses in them count as known)
 * @param clientOutbox the caller queues confirmed mail in its own outbox; otherwise the service sends it
 * @param channel      {@code chat}, {@code voice}, {@code api}
 */
public record Origin(String chatId, String turnId, String userItemId, String userText, boolean clientOutbox,
        String channel) {}
