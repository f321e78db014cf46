package donna.core.mail;

import java.time.Instant;
import java.util.List;

/**
 * A reply autopilot drafted, waiting in the review queue.
 *
 * @param id        the draft's id (for send and delete)
 * @param messageId the Gmail id of the message it answers
 */
public record AutopilotDraft(String id, String messageId, List<String> to, String subject, String body,
        Instant createdAt) {
    public AutopilotDraft {
        to = List.copyOf(to);
    }
}
