package donna.standins.google;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A message to put into the fake inbox: {@code google.addInboxMessage().from("Ann <ann@example.com>")
 * .subject("Lunch?").text("Are you free?").add()} returns its Gmail id. Defaults: to the account, unread, received
 * now, a fresh Message-ID, text "Hello".
 */
public final class InboxMessage {
    private final Function<InboxMessage, String> adder;
    String from = "Sender <sender@example.com>";
    String to;
    String subject = "Hello";
    String text = "Hello";
    String html;
    String messageId = "<" + UUID.randomUUID() + "@mail.example.com>";
    String threadId;
    Instant receivedAt = Instant.now();
    final Set<String> labels = new LinkedHashSet<>(List.of("INBOX", "UNREAD"));
    final Map<String, String> headers = new LinkedHashMap<>();

    InboxMessage(String accountEmail, Function<InboxMessage, String> adder) {
        this.to = accountEmail;
        this.adder = adder;
    }

    public InboxMessage from(String value) {
        this.from = value;
        return this;
    }

    public InboxMessage to(String value) {
        this.to = value;
        return this;
    }

    public InboxMessage subject(String value) {
        this.subject = value;
        return this;
    }

    /** The text/plain part; null for an HTML-only mail. */
    public InboxMessage text(String value) {
        this.text = value;
        return this;
    }

    /** An HTML part (with a text part, the mail is multipart/alternative). */
    public InboxMessage html(String value) {
        this.html = value;
        return this;
    }

    public InboxMessage messageId(String value) {
        this.messageId = value;
        return this;
    }

    /** Joins an existing thread (default: a thread of its own). */
    public InboxMessage threadId(String value) {
        this.threadId = value;
        return this;
    }

    public InboxMessage receivedAt(Instant value) {
        this.receivedAt = value;
        return this;
    }

    public InboxMessage unread(boolean value) {
        if (value) {
            labels.add("UNREAD");
        } else {
            labels.remove("UNREAD");
        }
        return this;
    }

    public InboxMessage label(String label) {
        labels.add(label);
        return this;
    }

    /** Exactly these labels (e.g. {@code "SENT"} for a mail the account sent, out of the inbox). */
    public InboxMessage labels(String... all) {
        labels.clear();
        labels.addAll(List.of(all));
        return this;
    }

    /** A mailing-list mail carries List-Id. */
    public InboxMessage listId(String value) {
        return header("List-Id", value);
    }

    public InboxMessage listUnsubscribe(String value) {
        return header("List-Unsubscribe", value);
    }

    /** Where the sender asks replies to go. */
    public InboxMessage replyTo(String value) {
        return header("Reply-To", value);
    }

    /**
     * What the receiving server recorded of SPF/DKIM/DMARC (RFC 8601), e.g. {@code "mx.google.com; dkim=pass
     * header.i=@example.com; dmarc=pass header.from=example.com"}; Gmail puts its own on top of every message.
     */
    public InboxMessage authenticationResults(String value) {
        return header("Authentication-Results", value);
    }

    /** Any other header (Reply-To, Auto-Submitted, Precedence, References, ...). */
    public InboxMessage header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Puts it into the mailbox; returns its Gmail id. */
    public String add() {
        return adder.apply(this);
    }

    byte[] toRfc822() {
        try {
            MimeMessage m = new MimeMessage(Rfc822.SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            m.setHeader("From", from);
            m.setHeader("To", to);
            m.setSubject(subject, "UTF-8");
            m.setSentDate(Date.from(receivedAt));
            for (Map.Entry<String, String> h : headers.entrySet()) {
                m.setHeader(h.getKey(), h.getValue());
            }
            List<MimeBodyPart> bodies = new ArrayList<>();
            if (text != null) {
                MimeBodyPart part = new MimeBodyPart();
                part.setText(text, "UTF-8");
                bodies.add(part);
            }
            if (html != null) {
                MimeBodyPart part = new MimeBodyPart();
                part.setText(html, "UTF-8", "html");
                bodies.add(part);
            }
            if (bodies.size() == 1 && text != null) {
                m.setText(text, "UTF-8");
            } else if (bodies.size() == 1) {
                m.setText(html, "UTF-8", "html");
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                for (MimeBodyPart part : bodies) {
                    alternative.addBodyPart(part);
                }
                m.setContent(alternative);
            }
            m.saveChanges();
            return Rfc822.bytes(m);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot build the seeded message: " + e.getMessage(), e);
        }
    }
}
