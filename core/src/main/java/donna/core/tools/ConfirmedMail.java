package donna.core.tools;

import donna.core.mail.OutgoingMail;
import java.util.List;
import java.util.Objects;

/**
 * A mail the person confirmed, for the app's outbox: the draft id is its idempotency key, so however often it is
 * queued or sent it goes out once.
 *
 * @param inReplyTo        the Message-ID header of the mail it answers, or (older services) the Gmail id; null
 * @param replyToMessageId the Gmail id of the mail it answers, when the service says it; null otherwise
 */
public record ConfirmedMail(String idempotencyKey, List<String> to, List<String> cc, String subject, String body,
                            String inReplyTo, String threadId, String replyToMessageId) {
    public ConfirmedMail {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        subject = Objects.requireNonNullElse(subject, "");
        body = Objects.requireNonNullElse(body, "");
    }

    /**
     * The mail as the outbox sends it. The send route threads a reply on the Gmail id of the original; a Message-ID
     * header ({@code <...@...>}) is not one, so such a reply goes out unthreaded rather than refused.
     */
    public OutgoingMail toOutgoing() {
        String gmailId = replyToMessageId != null && !replyToMessageId.isBlank() ? replyToMessageId
                : inReplyTo != null && !inReplyTo.isBlank() && !inReplyTo.contains("@") && !inReplyTo.contains("<")
                ? inReplyTo : null;
        return new OutgoingMail(to, cc, List.of(), subject, body, gmailId);
    }
}
