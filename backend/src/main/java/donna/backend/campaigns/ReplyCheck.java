package donna.backend.campaigns;

import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.GmailSession;
import donna.backend.gmail.Inbox;
import donna.backend.gmail.MailComposer;
import donna.backend.gmail.MailPage;
import donna.backend.gmail.MailSummary;
import donna.backend.http.ApiException;
import donna.backend.users.User;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Looks in the inbox for what came back from a campaign's recipients since it started: a mail in a recipient's
 * thread marks them {@code replied}; one whose subject or first line is "unsubscribe" (a reply, or the mail the
 * List-Unsubscribe mailto writes, which starts a thread of its own) marks them {@code unsubscribed} and suppresses
 * the address for every later campaign of the owner; a delivery failure notice in the thread marks them
 * {@code failed} ("bounced") and suppresses the address too. The mail is read as data: only these words are
 * looked for, nothing in it is followed.
 */
final class ReplyCheck {
    /** The newest inbox mail looked at per check: five pages of 100. */
    static final int PAGES = 5;
    private static final Pattern UNSUBSCRIBE = Pattern.compile("(?i)\\s*((re|aw|fwd?)\\s*:\\s*)*unsubscribe[\\s.!]*");
    private static final Pattern BOUNCER = Pattern.compile("(?i).*\\b(mailer-daemon|postmaster)@.*");

    private final Jdbi jdbi;
    private final GmailAccess access;
    private final Inbox inbox;

    ReplyCheck(Jdbi jdbi, GmailAccess access, Inbox inbox) {
        this.jdbi = jdbi;
        this.access = access;
        this.inbox = inbox;
    }

    private record Sent(UUID id, String email, String threadId, String status) {}

    /** What one check found. */
    record Found(int replied, int unsubscribed, int bounced) {}

    Found check(User user, UUID campaign) {
        OffsetDateTime started = jdbi.withHandle(h -> h.createQuery("select started_at from campaigns "
                        + "where user_id = :u and id = :id")
                .bind("u", user.id()).bind("id", campaign).mapTo(OffsetDateTime.class).findOne())
                .orElse(null);
        List<Sent> sent = jdbi.withHandle(h -> h.createQuery("""
                        select id, email, thread_id, status from campaign_recipients
                        where campaign_id = :c and status in ('sent', 'replied') and thread_id is not null""")
                .bind("c", campaign)
                .map((rs, ctx) -> new Sent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .list());
        int replied = 0;
        int unsubscribed = 0;
        int bounced = 0;
        if (started != null && !sent.isEmpty()) {
            Map<String, Sent> byThread = new HashMap<>();
            Map<String, Sent> byEmail = new HashMap<>();
            sent.forEach(s -> {
                byThread.put(s.threadId(), s);
                byEmail.put(s.email(), s);
            });
            GmailSession session = access.open(user);
            String own = session.email() == null ? "" : session.email().toLowerCase(Locale.ROOT);
            Instant since = started.toInstant();
            String token = null;
            Map<UUID, String> outcome = new HashMap<>();
            pages:
            for (int page = 0; page < PAGES; page++) {
                MailPage found = inbox.page(session, 100, token, null);
                for (MailSummary m : found.messages()) {
                    if (m.date() != null && m.date().isBefore(since)) {
                        break pages; // newest first: the rest came before the campaign
                    }
                    String from = address(m.from());
                    if (from == null || from.equals(own)) {
                        continue;
                    }
                    Sent inThread = byThread.get(m.threadId());
                    Sent bySender = byEmail.get(from);
                    if (inThread != null && BOUNCER.matcher(from).matches()) {
                        outcome.put(inThread.id(), "bounced");
                    } else if ((inThread != null || bySender != null) && unsubscribes(session, m)) {
                        outcome.put((inThread != null ? inThread : bySender).id(), "unsubscribed");
                    } else if (inThread != null && !"replied".equals(inThread.status())) {
                        outcome.putIfAbsent(inThread.id(), "replied");
                    }
                }
                token = found.nextPageToken();
                if (token == null) {
                    break;
                }
            }
            Map<UUID, Sent> byId = new HashMap<>();
            sent.forEach(s -> byId.put(s.id(), s));
            for (Map.Entry<UUID, String> e : outcome.entrySet()) {
                Sent s = byId.get(e.getKey());
                switch (e.getValue()) {
                    case "bounced" -> {
                        mark(user, s, "failed", "bounced", "bounced");
                        bounced++;
                    }
                    case "unsubscribed" -> {
                        mark(user, s, "unsubscribed", null, "unsubscribed");
                        unsubscribed++;
                    }
                    default -> {
                        mark(user, s, "replied", null, null);
                        replied++;
                    }
                }
            }
        }
        jdbi.useHandle(h -> h.createUpdate("update campaigns set checked_at = now() where id = :id")
                .bind("id", campaign).execute());
        return new Found(replied, unsubscribed, bounced);
    }

    private boolean unsubscribes(GmailSession session, MailSummary m) {
        if (m.subject() != null && UNSUBSCRIBE.matcher(m.subject()).matches()) {
            return true;
        }
        String text = inbox.message(session, m.id()).text();
        String first = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return UNSUBSCRIBE.matcher(first).matches();
    }

    private void mark(User user, Sent s, String status, String error, String suppression) {
        jdbi.useTransaction(h -> {
            h.createUpdate("update campaign_recipients set status = :s, error = :e where id = :id")
                    .bind("s", status).bind("e", error).bind("id", s.id()).execute();
            if (suppression != null) {
                h.createUpdate("""
                                insert into mail_suppressions (user_id, email, reason) values (:u, :e, :r)
                                on conflict (user_id, email) do nothing""")
                        .bind("u", user.id()).bind("e", s.email()).bind("r", suppression).execute();
            }
        });
    }

    /** The bare address of a From header in lower case, or null when it holds none. */
    static String address(String from) {
        if (from == null) {
            return null;
        }
        try {
            return MailComposer.address("from", from).getAddress().toLowerCase(Locale.ROOT);
        } catch (ApiException e) {
            return null;
        }
    }
}
