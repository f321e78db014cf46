package donna.backend.gmail;

import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import donna.backend.http.ApiException;
import donna.backend.users.User;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import donna.backend.webhooks.EventSink;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a mail exactly once per (user, Idempotency-Key). The Message-ID is derived from the user and the key, so
 * every attempt of one key writes the same id; before sending, Sent is searched for it ({@code rfc822msgid:}) and
 * a mail found there is adopted instead of sent again. That covers the gap no ledger can: Gmail accepted, and the
 * service died (or its database write failed) before it recorded so. Sends are paced under the user's quota and
 * Gmail's rate limits are retried (see {@link GmailAccess}).
 */
public final class SendService {
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    static final Pattern GMAIL_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Logger log = LoggerFactory.getLogger(SendService.class);
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,200}");
    /** How long an attempt owns its key: longer than the slowest attempt (quota wait + bounded retries). */
    private static final Duration LEASE = Duration.ofMinutes(3);
    /** A burst of sends waits for the quota this long at most, then answers 429 with Retry-After. */
    private static final Duration MAX_QUOTA_WAIT = Duration.ofSeconds(20);
    private static final int MAX_BODY_CHARS = 200_000;

    private final GmailAccess access;
    private final SendLedger ledger;
    private final Clock clock;

    public SendService(GmailAccess access, Jdbi jdbi, Clock clock) {
        this(access, jdbi, clock, EventSink.NONE);
    }

    /** @param events told {@code mail.sent} (recipients and subject, never the body) as each mail is recorded sent */
    public SendService(GmailAccess access, Jdbi jdbi, Clock clock, EventSink events) {
        this.access = access;
        this.ledger = new SendLedger(jdbi, events);
        this.clock = clock;
    }

    /**
     * For a service that is the only sender on its database (the bundled one: its data folder is locked), at start:
     * the sends its previous run left leased as it died are taken over now instead of after their lease, and each
     * is settled by its next attempt, which finds the mail in Sent ({@code rfc822msgid:}) or sends it. A shared
     * deployment must not call this: another instance may be sending.
     */
    public void takeOverDeadLeases() {
        int released = ledger.releaseDeadLeases();
        if (released > 0) {
            log.info("Took over {} send(s) the previous run left unfinished; each is settled by its next attempt",
                    released);
        }
    }

    /**
     * What to send (docs/api.md); {@code headers} only {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}
     * (a campaign's mail), else empty.
     */
    public record Outgoing(List<String> to, List<String> cc, List<String> bcc, String subject, String body,
            String replyToMessageId, Map<String, String> headers) {
        public Outgoing(List<String> to, List<String> cc, List<String> bcc, String subject, String body,
                String replyToMessageId) {
            this(to, cc, bcc, subject, body, replyToMessageId, Map.of());
        }
    }

    public SendResult send(User user, Outgoing mail, String idempotencyKey) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw ApiException.badRequest("invalid_idempotency_key",
                    "Idempotency-Key is required: 8-128 characters of A-Z a-z 0-9 . _ : -");
        }
        Checked checked;
        try {
            checked = check(mail);
        } catch (ApiException e) {
            ledger.rejected(user.id(), joined(mail.to()), safeSubject(mail.subject()), e.getMessage());
            throw e;
        }
        GmailSession session = access.open(user);
        SendLedger.Claim claim = ledger.claim(user.id(), idempotencyKey, messageId(user, idempotencyKey,
                session.email()), joined(mail.to()), checked.subject(), LEASE);
        return switch (claim) {
            case SendLedger.Claim.AlreadySent done -> done.first();
            case SendLedger.Claim.Busy busy -> throw new ApiException(409, "send_in_progress",
                    "This mail is being sent right now; retry later with the same Idempotency-Key")
                    .retryAfter(busy.remaining().toSeconds());
            case SendLedger.Claim.Owned owned -> attempt(session, checked, owned);
        };
    }

    private SendResult attempt(GmailSession session, Checked mail, SendLedger.Claim.Owned owned) {
        try {
            MailComposer.Threading threading = MailComposer.Threading.NONE;
            String threadId = null;
            if (mail.replyTo() != null) {
                Message original = original(session, mail.replyTo());
                Map<String, String> h = Inbox.headers(original);
                threading = MailComposer.threading(h.get("message-id"), h.get("references"));
                threadId = original.getThreadId();
            }
            Message found = findSent(session, owned.messageId());
            if (found != null) {
                log.info("Send of user {} (attempt {}) found its mail already in Sent as {}: adopted, not sent again",
                        session.userId(), owned.attempt(), found.getId());
                ledger.sent(owned.rowId(), found.getId(), found.getThreadId());
                return SendResult.sent(found.getId(), found.getThreadId(), owned.messageId(), true);
            }
            byte[] raw = MailComposer.compose(from(session.email()), mail.to(), mail.cc(), mail.bcc(), mail.subject(),
                    mail.body(), owned.messageId(), threading, clock.instant(), mail.headers());
            Message request = new Message().setRaw(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
            if (threadId != null) {
                request.setThreadId(threadId);
            }
            Message sent = access.call(session, GmailQuota.SEND, MAX_QUOTA_WAIT,
                    gmail -> gmail.users().messages().send("me", request).execute());
            ledger.sent(owned.rowId(), sent.getId(), sent.getThreadId());
            log.info("Sent mail {} for user {} (attempt {})", sent.getId(), session.userId(), owned.attempt());
            return SendResult.sent(sent.getId(), sent.getThreadId(), owned.messageId(), false);
        } catch (ApiException e) {
            release(owned, e.status() == 400, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            // Gmail may have accepted the mail: the next attempt with this key looks in Sent before sending.
            log.error("Send of user {} (attempt {}) ended unconfirmed: {}", session.userId(), owned.attempt(),
                    e.toString());
            release(owned, false, "unconfirmed: " + e.getClass().getSimpleName());
            throw new ApiException(503, "send_unconfirmed",
                    "The mail may or may not have gone out; retry with the same Idempotency-Key to settle it");
        }
    }

    private Message original(GmailSession session, String gmailId) {
        try {
            return access.call(session, GmailQuota.GET, MAX_QUOTA_WAIT, gmail -> gmail.users().messages()
                    .get("me", gmailId).setFormat("metadata").setMetadataHeaders(List.of("Message-ID", "References"))
                    .execute());
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw MailComposer.invalid("reply_to_message_id names no message in this mailbox");
            }
            throw e;
        }
    }

    /** The message in the mailbox (Sent, or wherever it was moved since) that carries this Message-ID. */
    private Message findSent(GmailSession session, String messageId) {
        String bare = messageId.substring(1, messageId.length() - 1);
        ListMessagesResponse list = access.call(session, GmailQuota.LIST, MAX_QUOTA_WAIT, gmail -> gmail.users()
                .messages().list("me").setQ("rfc822msgid:" + bare).setIncludeSpamTrash(true).setMaxResults(1L)
                .execute());
        return list.getMessages() == null || list.getMessages().isEmpty() ? null : list.getMessages().getFirst();
    }

    private void release(SendLedger.Claim.Owned owned, boolean permanent, String error) {
        try {
            ledger.release(owned.rowId(), permanent, error);
        } catch (RuntimeException e) {
            // The lease runs out by itself; the next attempt takes over then.
            log.warn("Could not release the send ledger row {}: {}", owned.rowId(), e.toString());
        }
    }

    /**
     * The Message-ID of a (user, key): the same for every attempt, unguessable without the key, and on the
     * sender's domain when there is a sensible one.
     */
    static String messageId(User user, String key, String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((user.id() + "\n" + key).getBytes(StandardCharsets.UTF_8));
            String domain = email == null ? "" : email.substring(email.lastIndexOf('@') + 1);
            return "<donna." + HexFormat.of().formatHex(digest, 0, 16) + "@"
                    + (DOMAIN.matcher(domain).matches() && domain.contains(".") ? domain : "donna.local") + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Checked(List<InternetAddress> to, List<InternetAddress> cc, List<InternetAddress> bcc,
            String subject, String body, String replyTo, Map<String, String> headers) {}

    private static Checked check(Outgoing mail) {
        List<InternetAddress> to = MailComposer.addresses("to", mail.to());
        if (to.isEmpty()) {
            throw MailComposer.invalid("to needs at least one address");
        }
        List<InternetAddress> cc = MailComposer.addresses("cc", mail.cc());
        List<InternetAddress> bcc = MailComposer.addresses("bcc", mail.bcc());
        if (to.size() + cc.size() + bcc.size() > MailComposer.MAX_RECIPIENTS) {
            throw MailComposer.invalid("at most " + MailComposer.MAX_RECIPIENTS + " recipients");
        }
        String body = mail.body() == null ? "" : mail.body();
        if (body.length() > MAX_BODY_CHARS) {
            throw MailComposer.invalid("body is longer than " + MAX_BODY_CHARS + " characters");
        }
        String replyTo = mail.replyToMessageId() == null || mail.replyToMessageId().isBlank() ? null
                : mail.replyToMessageId().strip();
        if (replyTo != null && !GMAIL_ID.matcher(replyTo).matches()) {
            throw MailComposer.invalid("reply_to_message_id is not a Gmail message id");
        }
        return new Checked(to, cc, bcc, MailComposer.subject(mail.subject()), body, replyTo,
                MailComposer.listHeaders(mail.headers()));
    }

    private static InternetAddress from(String email) {
        try {
            return email == null ? null : new InternetAddress(email, true);
        } catch (AddressException e) {
            return null;
        }
    }

    private static String joined(List<String> addresses) {
        return addresses == null ? "" : addresses.stream()
                .map(a -> a == null ? "" : a.replaceAll("[\\r\\n]", " ")).collect(Collectors.joining(", "));
    }

    private static String safeSubject(String subject) {
        return subject == null ? null : subject.replaceAll("[\\r\\n]", " ");
    }
}
