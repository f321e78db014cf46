package donna.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.core.tools.ToolStep;
import donna.core.tools.TurnAction;
import java.util.List;
import java.util.Objects;

/**
 * One answer of {@code POST /api/chat} (also the {@code done} event of a stream).
 *
 * @param reply    the full reply text
 * @param action   the last thing the turn produced for the person ({@code draft_ready}, {@code confirmation_needed},
 *                 {@code send_confirmed}, {@code memory_saved}, ...) or {@code chat} for plain text
 * @param metadata profile, abuse flag, chat id, action arguments, and what DONNA did in the turn
 */
public record ChatReply(String reply, String action, Metadata metadata) {

    public ChatReply {
        reply = Objects.requireNonNullElse(reply, "");
        action = Objects.requireNonNullElse(action, "chat");
        Objects.requireNonNull(metadata, "metadata");
    }

    /**
     * @param actionArgs the action's arguments as sent by the service (a JSON object, or null when there are none)
     * @param actions    the drafts, pending confirmations, confirmed sends and memories of this turn, in order
     * @param toolSteps  every tool the turn ran, in order
     */
    public record Metadata(Profile profile, boolean abuseDetected, String chatId, boolean authenticated,
                           JsonNode actionArgs, List<TurnAction> actions, List<ToolStep> toolSteps) {
        public Metadata {
            actions = actions == null ? List.of() : List.copyOf(actions);
            toolSteps = toolSteps == null ? List.of() : List.copyOf(toolSteps);
        }

        /** A plain reply: no tools ran. */
        public Metadata(Profile profile, boolean abuseDetected, String chatId, boolean authenticated,
                        JsonNode actionArgs) {
            this(profile, abuseDetected, chatId, authenticated, actionArgs, List.of(), List.of());
        }
    }
}
