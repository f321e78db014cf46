package donna.backend.actions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import donna.backend.drafts.Addresses;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.GmailQuota;
import donna.backend.gmail.GmailSession;
import donna.backend.gmail.Inbox;
import donna.backend.http.ApiException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which recipients are <em>new</em>: an address is known when the person has sent mail to it before
 * (Gmail's Sent: one search, then a check of the found mail's own To/Cc/Bcc, cached per user for a while) or typed
 * it in this conversation (the words of this turn, or a user message of the chat). Everything else is new: a
 * first-time sender being answered, a Reply-To other than From, an address found only in a mail's text. A new
 * address can only be confirmed by a click (docs/security.md). When Gmail cannot be asked, the address counts as
 * new: the check fails closed.
 */
public final class RecipientGrounding {
    private static final Logger log = LoggerFactory.getLogger(RecipientGrounding.class);
    private static final Duration MAX_QUOTA_WAIT = Duration.ofSeconds(10);
    private static final int MAX_CHAT_MESSAGES = 200;

    private final GmailAccess access;
    private final Inbox inbox;
    private final Jdbi jdbi;
    /** Sent-before answers per (user, address): a known address stays known; a new one is asked again soon. */
    private final Cache<String, Boolean> sentBefore = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    public RecipientGrounding(GmailAccess access, Inbox inbox, Jdbi jdbi) {
        this.access = access;
        this.inbox = inbox;
        this.jdbi = jdbi;
    }

    /** The recipients (plain addresses, lower case) that are new to this person, in order. */
    public List<String> newAddresses(GmailSession session, String chatId, String userText, List<String> recipients) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String r : recipients) {
            unknown.add(Addresses.bare("to", r));
        }
        if (session.email() != null) {
            unknown.remove(session.email().toLowerCase(Locale.ROOT));
        }
        unknown.removeIf(a -> typed(a, userText));
        if (!unknown.isEmpty() && chatId != null) {
            List<String> said = userMessages(session.userId(), chatId);
            unknown.removeIf(a -> said.stream().anyMatch(text -> typed(a, text)));
        }
        unknown.removeIf(a -> sentBefore(session, a));
        return List.copyOf(unknown);
    }

    private static boolean typed(String address, String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(address);
    }

    /** What the person typed or said in this chat (their messages only: never DONNA's, never a mail's). */
    private List<String> userMessages(UUID userId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select m.content from messages m join chat_sessions s on s.id = m.session_id
                        where s.chat_id = :chat and s.user_id = :u and m.role = 'user'
                        order by m.created_at desc limit :n""")
                .bind("chat", chatId).bind("u", userId).bind("n", MAX_CHAT_MESSAGES).mapTo(String.class).list());
    }

    private boolean sentBefore(GmailSession session, String address) {
        String key = session.userId() + "\n" + address;
        Boolean cached = sentBefore.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        boolean found;
        try {
            found = searchSent(session, address);
        } catch (ApiException e) {
            log.warn("Could not ask Gmail whether user {} wrote to an address before ({}): counted as new",
                    session.userId(), e.code());
            return false;
        }
        sentBefore.put(key, found);
        return found;
    }

    /** One {@code in:sent to:} search; the mail found must name the address itself (search matching is loose). */
    private boolean searchSent(GmailSession session, String address) {
        ListMessagesResponse list = access.call(session, GmailQuota.LIST, MAX_QUOTA_WAIT, gmail -> gmail.users()
                .messages().list("me").setQ("in:sent to:" + address).setMaxResults(1L).execute());
        if (list.getMessages() == null || list.getMessages().isEmpty()) {
            return false;
        }
        String id = list.getMessages().getFirst().getId();
        Message m = inbox.metadata(session, List.of(id), List.of("To", "Cc", "Bcc")).get(id);
        if (m == null) {
            return false;
        }
        Map<String, String> h = Inbox.headers(m);
        List<String> named = new ArrayList<>();
        for (String field : List.of("to", "cc", "bcc")) {
            try {
                for (InternetAddress a : InternetAddress.parseHeader(h.getOrDefault(field, ""), false)) {
                    if (a.getAddress() != null) {
                        named.add(a.getAddress().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (AddressException e) {
                // an unreadable header names nobody
            }
        }
        return named.contains(address);
    }
}
