package donna.core.tools;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A mail DONNA drafted and the service keeps for the person ({@code /api/drafts}); nothing is sent by drafting.
 *
 * @param inReplyTo        the Message-ID header of the mail this answers, or null
 * @param threadId         Gmail's thread of that mail, or null
 * @param replyToMessageId the Gmail id of the mail this answers (what {@code /api/gmail/send} threads on), or null
 * @param status           {@code open}, {@code sending}, {@code sent} or {@code discarded}
 */
public record Draft(String id, List<String> to, List<String> cc, String subject, String body, String inReplyTo,
                    String threadId, String replyToMessageId, String status, Instant createdAt, Instant updatedAt) {
    public Draft {
        Objects.requireNonNull(id, "id");
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        subject = Objects.requireNonNullElse(subject, "");
        body = Objects.requireNonNullElse(body, "");
        status = Objects.requireNonNullElse(status, "open");
    }
}
