package donna.backend.tools;

import donna.backend.users.User;
import java.util.Objects;

/**
 * Who runs a tool, and from where: what the confirmation rule needs to know.
 *
 * @param user         the caller
 * @param chatId       the chat the call belongs to (typed turn or voice transcript); null when none
 * @param turnId       one id per typed chat turn (every call of one turn shares it); null outside a typed turn
 * @param userText     the user's words that led to this call: the typed message of this turn, or the latest voice
 *                     transcript the caller knows; null when none (addresses typed here count as known)
 * @param userItemId   voice: the Realtime conversation item id of the user's latest audio when the call was made
 *                     (the app sends it); null when unknown
 * @param clientOutbox the caller queues confirmed mail in its own outbox (the desktop app); otherwise the service
 *                     sends confirmed mail itself, with the same idempotency key
 * @param channel      {@code chat}, {@code voice} or {@code api}
 */
public record ToolCallContext(User user, String chatId, String turnId, String userText, String userItemId, boolean clientOutbox,
        String channel) {
    public ToolCallContext {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
    }
}
