package donna.core.mail.outbox;

import java.util.List;
import java.util.Objects;

/**
 * A mail as the user wrote it: what the outbox keeps and later hands to the service. The service validates fully
 * (and answers 400 for what it refuses); the checks here only catch what could never be sent, early, with a clear
 * message.
 *
 * @param replyToMessageId the Gmail id of the message this answers (threading), or null
 */
public record OutboxMail(List<String> to, List<String> cc, List<String> bcc, String subject, String body,
                         String replyToMessageId) {

    public OutboxMail {
        to = clean(to, "to");
        cc = clean(cc, "cc");
        bcc = clean(bcc, "bcc");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("A mail needs at least one recipient");
        }
        subject = Objects.requireNonNullElse(subject, "");
        body = Objects.requireNonNullElse(body, "");
        if (hasLineBreak(subject)) {
            throw new IllegalArgumentException("The subject must be a single line");
        }
        if (replyToMessageId != null && (replyToMessageId.isBlank() || hasLineBreak(replyToMessageId))) {
            throw new IllegalArgumentException("Invalid message id to reply to");
        }
    }

    public static OutboxMail to(String recipient, String subject, String body) {
        return new OutboxMail(List.of(recipient), List.of(), List.of(), subject, body, null);
    }

    private static List<String> clean(List<String> addresses, String field) {
        if (addresses == null) {
            return List.of();
        }
        List<String> out = addresses.stream().filter(Objects::nonNull).map(String::strip).filter(a -> !a.isEmpty())
                .toList();
        for (String a : out) {
            // Header injection is refused here too, not only by the service: such a mail could never go out.
            if (hasLineBreak(a) || !a.contains("@")) {
                throw new IllegalArgumentException("Not a mail address in " + field + ": " + a.replaceAll("[\\r\\n]", " "));
            }
        }
        return out;
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }
}
