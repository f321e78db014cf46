package donna.core.mail;

import java.util.List;
import java.util.Objects;

/**
 * A mail to send ({@code POST /api/gmail/send}).
 *
 * @param replyToMessageId the Gmail id of the message this answers (threading); null for a new conversation
 */
public record OutgoingMail(List<String> to, List<String> cc, List<String> bcc, String subject, String body,
        String replyToMessageId) {
    public OutgoingMail {
        to = List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        subject = Objects.requireNonNullElse(subject, "");
        body = Objects.requireNonNullElse(body, "");
    }

    public static OutgoingMail to(String address, String subject, String body) {
        return new OutgoingMail(List.of(address), List.of(), List.of(), subject, body, null);
    }

    public OutgoingMail inReplyTo(String gmailMessageId) {
        return new OutgoingMail(to, cc, bcc, subject, body, gmailMessageId);
    }
}
