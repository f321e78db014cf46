package donna.backend.gmail;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.Properties;

/**
 * A received mail (Gmail's {@code format=raw}) read with Jakarta Mail: decoded headers and the first text and
 * HTML bodies, wherever they sit in nested multiparts. Attachments are not bodies. A mail cut short (see {@link
 * Inbox#MAX_PARSED_BYTES}) parses too: a body missing its end (or its closing boundary) is read as far as it goes.
 */
record MailParts(String from, String to, String cc, String replyTo, String subject, String messageId,
        String references, String text, String html) {
    private static final Session SESSION = Session.getInstance(new Properties());

    static MailParts parse(byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Bodies bodies = new Bodies();
            bodies.collect(m);
            return new MailParts(header(m, "From"), header(m, "To"), header(m, "Cc"), header(m, "Reply-To"),
                    m.getSubject(), m.getMessageID(), header(m, "References"), bodies.text, bodies.html);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("Gmail sent a message that is not RFC 822: " + e.getMessage(), e);
        }
    }

    /** At most {@code max} characters of {@code s} (null stays null), never splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** A header unfolded and with its encoded words (=?UTF-8?...?=) decoded; null when absent. */
    private static String header(MimeMessage m, String name) throws MessagingException {
        String value = m.getHeader(name, ", ");
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (UnsupportedEncodingException e) {
            return MimeUtility.unfold(value);
        }
    }

    private static final class Bodies {
        /**
         * How deep bodies are looked for. Real mail nests three or four levels; a crafted one nested thousands deep
         * overflowed the stack (found by TestMailPartsFuzz): parts below this are not read as bodies.
         */
        static final int MAX_DEPTH = 32;

        String text;
        String html;

        void collect(Part part) throws MessagingException, IOException {
            collect(part, 0);
        }

        private void collect(Part part, int depth) throws MessagingException, IOException {
            if (depth > MAX_DEPTH || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("multipart/*")) {
                // A multipart type over a body that is not one (no boundary) reads as text: nothing to descend into.
                if (!(part.getContent() instanceof Multipart children)) {
                    return;
                }
                for (int i = 0; i < children.getCount() && (text == null || html == null); i++) {
                    collect(children.getBodyPart(i), depth + 1);
                }
            } else if (text == null && part.isMimeType("text/plain")) {
                text = String.valueOf(part.getContent());
            } else if (html == null && part.isMimeType("text/html")) {
                html = String.valueOf(part.getContent());
            }
        }
    }
}
