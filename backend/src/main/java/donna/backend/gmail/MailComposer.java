package donna.backend.gmail;

import donna.backend.http.ApiException;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes an outgoing mail as RFC 5322 MIME with Jakarta Mail (never by string concatenation). Everything that
 * becomes a header is checked first: addresses parse strictly (one address each, no CR/LF), the subject has no
 * CR/LF, and the message ids of In-Reply-To, References and Message-ID are validated here because
 * {@code setHeader} writes values raw (stack.md). A bad value is a 400 {@code invalid_input}.
 */
public final class MailComposer {
    /** {@code <left@right>} with nothing that could end a header or open another id. */
    static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s@\"]{1,200}@[^<>\\s@\"]{1,200}>");
    static final int MAX_RECIPIENTS = 100;
    private static final int MAX_SUBJECT = 998;
    private static final int MAX_REFERENCES = 20;
    private static final Session SESSION = Session.getInstance(new Properties());

    private MailComposer() {}

    /** Threading of a reply: the original's Message-ID and References (both may be null). */
    record Threading(String inReplyTo, String references) {
        static final Threading NONE = new Threading(null, null);
    }

    /** The addresses of one field, each checked; empty for a null list. */
    static List<InternetAddress> addresses(String field, List<String> values) {
        List<InternetAddress> out = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            out.add(address(field, value));
        }
        return out;
    }

    /**
     * One entry of an address field, checked the way sending checks it (one address, no line breaks, a domain):
     * drafts are checked with it too, so a stored draft is one that can be sent.
     *
     * @throws ApiException 400 {@code invalid_input} naming the field
     */
    public static InternetAddress address(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " has an empty address");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw invalid(field + " must not contain line breaks");
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(value.strip(), true);
            if (parsed.length != 1 || parsed[0].isGroup()) {
                throw invalid(field + " entries must hold one address each");
            }
            parsed[0].validate();
            String address = parsed[0].getAddress();
            if (address.indexOf('@') <= 0 || address.endsWith("@") || address.length() > 254) {
                throw new AddressException("no domain");
            }
            return parsed[0];
        } catch (AddressException e) {
            throw invalid(field + " has an invalid address: " + value.strip());
        }
    }

    static String subject(String subject) {
        String s = subject == null ? "" : subject;
        if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            throw invalid("subject must not contain line breaks");
        }
        if (s.length() > MAX_SUBJECT) {
            throw invalid("subject is longer than " + MAX_SUBJECT + " characters");
        }
        return s;
    }

    /** The threading headers of a reply, keeping only well-formed ids (the original is someone else's mail). */
    static Threading threading(String originalMessageId, String originalReferences) {
        if (originalMessageId == null || !MESSAGE_ID.matcher(originalMessageId.strip()).matches()) {
            return Threading.NONE;
        }
        List<String> refs = new ArrayList<>();
        if (originalReferences != null) {
            Arrays.stream(originalReferences.strip().split("\\s+")).filter(r -> MESSAGE_ID.matcher(r).matches())
                    .forEach(refs::add);
        }
        refs.add(originalMessageId.strip());
        List<String> kept = refs.subList(Math.max(0, refs.size() - MAX_REFERENCES), refs.size());
        return new Threading(originalMessageId.strip(), String.join(" ", kept));
    }

    /** The RFC 822 bytes. {@code messageId} must match {@link #MESSAGE_ID}. */
    static byte[] compose(InternetAddress from, List<InternetAddress> to, List<InternetAddress> cc,
            List<InternetAddress> bcc, String subject, String body, String messageId, Threading threading,
            Instant date) {
        return compose(from, to, cc, bcc, subject, body, messageId, threading, date, Map.of());
    }

    /**
     * The list headers a bulk sender adds (campaigns, issue 14): only these names, and values checked here because
     * {@code setHeader} writes them raw.
     */
    static final Set<String> LIST_HEADERS = Set.of("List-Unsubscribe", "List-Unsubscribe-Post");
    private static final Pattern LIST_HEADER_VALUE = Pattern.compile("[\\x21-\\x7E][\\x20-\\x7E]{0,997}");

    static Map<String, String> listHeaders(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        (headers == null ? Map.<String, String>of() : headers).forEach((name, value) -> {
            if (!LIST_HEADERS.contains(name)) {
                throw invalid("header " + name + " cannot be set");
            }
            if (value == null || !LIST_HEADER_VALUE.matcher(value).matches()) {
                throw invalid("header " + name + " must be one line of printable ASCII");
            }
            out.put(name, value);
        });
        return out;
    }

    /** As above, with {@code extraHeaders} already checked by {@link #listHeaders}. */
    static byte[] compose(InternetAddress from, List<InternetAddress> to, List<InternetAddress> cc,
            List<InternetAddress> bcc, String subject, String body, String messageId, Threading threading,
            Instant date, Map<String, String> extraHeaders) {
        if (!MESSAGE_ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("not a message id");
        }
        try {
            MimeMessage m = new MimeMessage(SESSION) {
                // saveChanges() would replace our Message-ID: it is derived from the Idempotency-Key and must
                // survive, or a retried send could not be found in Sent.
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            if (from != null) {
                m.setFrom(from);
            }
            m.setRecipients(RecipientType.TO, to.toArray(InternetAddress[]::new));
            if (!cc.isEmpty()) {
                m.setRecipients(RecipientType.CC, cc.toArray(InternetAddress[]::new));
            }
            if (!bcc.isEmpty()) {
                // Gmail delivers to Bcc and strips the header from what others receive.
                m.setRecipients(RecipientType.BCC, bcc.toArray(InternetAddress[]::new));
            }
            m.setSubject(subject, "UTF-8");
            m.setSentDate(Date.from(date));
            if (threading.inReplyTo() != null) {
                m.setHeader("In-Reply-To", threading.inReplyTo());
                m.setHeader("References", threading.references());
            }
            for (Map.Entry<String, String> h : listHeaders(extraHeaders).entrySet()) {
                m.setHeader(h.getKey(), h.getValue());
            }
            m.setText(body == null ? "" : body, "UTF-8");
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw invalid("the mail could not be written: " + e.getMessage());
        }
    }

    static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_input", message);
    }
}
