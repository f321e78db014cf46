package donna.core.mail;

import java.time.Instant;

/**
 * One whole message ({@code GET /api/gmail/messages/{id}}).
 *
 * @param text            the body as plain text (derived from the HTML when the mail has no text part)
 * @param html            the HTML body sanitised by the service (no scripts, no event handlers; remote image
 *                        sources moved to {@code data-remote-src} so nothing remote loads unless the app restores
 *                        them); null when the mail has no HTML part
 * @param messageIdHeader the RFC 5322 Message-ID, for threading replies
 * @param references      the References header, as written (null when absent)
 */
public record MailMessage(String id, String threadId, String from, String to, String cc, String subject,
        Instant date, String snippet, boolean unread, String text, String html, String messageIdHeader,
        String references) {}
