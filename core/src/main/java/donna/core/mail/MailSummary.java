package donna.core.mail;

import java.time.Instant;

/**
 * One row of the inbox list.
 *
 * @param from    the From header as written (name and address)
 * @param to      the To header as written
 * @param date    when Gmail received it
 * @param snippet Gmail's short plain-text preview
 */
public record MailSummary(String id, String threadId, String from, String to, String subject, Instant date,
        String snippet, boolean unread) {}
