package donna.standins.google;

import java.util.List;

/**
 * A mail the fake accepted through {@code messages.send}, parsed from the raw RFC 822 the client sent.
 *
 * @param id         Gmail's id of the sent message
 * @param messageId  the Message-ID header as sent (Gmail would add one when missing; so does the fake)
 * @param inReplyTo  In-Reply-To, or null
 * @param references References, or null
 * @param text       the text/plain body, or null
 * @param raw        the RFC 822 bytes as received
 */
public record SentMail(String id, String threadId, String messageId, String from, List<String> to, List<String> cc,
        List<String> bcc, String subject, String text, String inReplyTo, String references, byte[] raw) {
    public SentMail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    /** The raw message as text (headers and body), for asserting on exact header lines. */
    public String rawText() {
        return new String(raw, java.nio.charset.StandardCharsets.UTF_8);
    }
}
