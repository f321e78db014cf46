package donna.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One answer of {@code POST /api/chat} (also the {@code done} event of a stream).
 *
 * @param reply    the full reply text
 * @param action   what the app should do with it: {@code chat} for plain text, else e.g. {@code send_message}
 * @param metadata profile, abuse flag, chat id and action arguments
 */
public record ChatReply(String reply, String action, Metadata metadata) {

    public ChatReply {
        reply = Objects.requireNonNullElse(reply, "");
        action = Objects.requireNonNullElse(action, "chat");
        Objects.requireNonNull(metadata, "metadata");
    }

    /**
     * @param actionArgs the action's arguments as sent by the service (a JSON object, or null when there are none)
     */
    public record Metadata(Profile profile, boolean abuseDetected, String chatId, boolean authenticated,
                           JsonNode actionArgs) {}
}
