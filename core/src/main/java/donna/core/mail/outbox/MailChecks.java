package donna.core.mail.outbox;

import donna.core.mail.OutgoingMail;
import java.util.List;

/**
 * What the outbox refuses to keep because it could never be sent. The service validates fully (and answers 400 for
 * what it refuses, which fails the mail with its reason); these checks only say it early, with a clear message.
 */
final class MailChecks {
    private MailChecks() {}

    static OutgoingMail check(OutgoingMail mail) {
        if (mail.to().stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException("A mail needs at least one recipient");
        }
        addresses(mail.to(), "to");
        addresses(mail.cc(), "cc");
        addresses(mail.bcc(), "bcc");
        if (hasLineBreak(mail.subject())) {
            throw new IllegalArgumentException("The subject must be a single line");
        }
        String replyTo = mail.replyToMessageId();
        if (replyTo != null && (replyTo.isBlank() || hasLineBreak(replyTo))) {
            throw new IllegalArgumentException("Invalid message id to reply to");
        }
        return mail;
    }

    /** The service's rule for an idempotency key: 8-128 of {@code [A-Za-z0-9._:-]}. */
    static String key(String key) {
        if (key == null || !key.matches("[A-Za-z0-9._:-]{8,128}")) {
            throw new IllegalArgumentException("Not a usable idempotency key: 8-128 letters, digits or ._:- needed");
        }
        return key;
    }

    private static void addresses(List<String> addresses, String field) {
        for (String a : addresses) {
            // Header injection is refused here too, not only by the service: such a mail could never go out.
            if (a == null || hasLineBreak(a) || !a.contains("@")) {
                throw new IllegalArgumentException("Not a mail address in " + field + ": "
                        + String.valueOf(a).replaceAll("[\\r\\n]", " "));
            }
        }
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }
}
