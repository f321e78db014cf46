package donna.backend.campaigns;

import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.GmailSession;
import donna.backend.gmail.Inbox;
import donna.backend.gmail.MailPage;
import donna.backend.gmail.MailSummary;
import donna.backend.users.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An audience from a Gmail search: the senders of the matching mail (newest first, each address once), read with
 * the Inbox's one list call and one batch of metadata gets per page, never the mail itself. The user's own
 * address is left out.
 */
final class GmailAudience {
    static final int PAGES = 5;
    static final int MAX_QUERY = 500;

    private final GmailAccess access;
    private final Inbox inbox;

    GmailAudience(GmailAccess access, Inbox inbox) {
        this.access = access;
        this.inbox = inbox;
    }

    Audience.Parsed senders(User user, String query) {
        if (query.isBlank() || query.length() > MAX_QUERY || query.chars().anyMatch(Character::isISOControl)) {
            throw CampaignInput.invalid("audience.gmail_query must be one line of at most " + MAX_QUERY
                    + " characters");
        }
        GmailSession session = access.open(user);
        String own = session.email() == null ? "" : session.email().toLowerCase(java.util.Locale.ROOT);
        List<Audience.Candidate> rows = new ArrayList<>();
        String token = null;
        for (int page = 0; page < PAGES; page++) {
            MailPage found = inbox.page(session, 100, token, query.strip());
            for (MailSummary m : found.messages()) {
                if (m.from() != null && !m.from().toLowerCase(java.util.Locale.ROOT).contains("<" + own + ">")
                        && !m.from().equalsIgnoreCase(own)) {
                    rows.add(new Audience.Candidate(rows.size() + 1, m.from(), null, Map.of()));
                }
            }
            token = found.nextPageToken();
            if (token == null) {
                break;
            }
        }
        // The same sender twice is one recipient, not a refused row: a search finds people's many mails.
        List<Audience.Candidate> once = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Audience.Candidate c : rows) {
            String key = c.value().replaceAll(".*<([^>]*)>.*", "$1").strip().toLowerCase(java.util.Locale.ROOT);
            if (seen.add(key)) {
                once.add(new Audience.Candidate(once.size() + 1, c.value(), null, Map.of()));
            }
        }
        return Audience.collect(once);
    }
}
