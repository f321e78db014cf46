package donna.backend.autopilot;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mail autopilot must never answer, from its headers alone: the user's own mail, no-reply and system senders,
 * mailing lists and newsletters (List-Id, List-Unsubscribe, Precedence bulk/list/junk), and automated messages
 * (Auto-Submitted other than "no", RFC 3834). It answers only the one sender: a From with several addresses is
 * left, and so is a Reply-To that names anyone but the sender (a sender must not pick whom the user's account
 * writes to); the address rules apply to Reply-To's addresses too. The headers are read in lower case.
 */
final class RoutineFilter {
    /** The headers the rules read, asked of Gmail in the metadata batch. */
    static final List<String> HEADERS = List.of("From", "Reply-To", "Subject", "List-Id",
            "List-Unsubscribe", "Precedence", "Auto-Submitted", "Authentication-Results");
    private static final Pattern NO_REPLY = Pattern.compile(
            "(?:.*[._+-])?(?:no-?reply|do-?not-?reply|noreply|mailer-daemon|postmaster|bounces?|notifications?)"
                    + "(?:[._+-].*)?");

    private RoutineFilter() {}

    /** Why this mail must be left alone, or empty when autopilot may consider it. */
    static Optional<String> exclusion(Map<String, String> headers, String ownEmail) {
        List<String> senders = addresses(headers.get("from"));
        if (senders == null || senders.isEmpty()) {
            return Optional.of("no_reply");
        }
        if (senders.size() > 1) {
            return Optional.of("several_senders");
        }
        String from = senders.getFirst();
        List<String> replyTo = headers.containsKey("reply-to") ? addresses(headers.get("reply-to")) : List.of();
        if (replyTo == null) {
            return Optional.of("reply_to_differs");
        }
        for (String address : concat(from, replyTo)) {
            if (ownEmail != null && address.equalsIgnoreCase(ownEmail)) {
                return Optional.of("own_address");
            }
            String local = address.substring(0, address.indexOf('@')).toLowerCase(Locale.ROOT);
            if (NO_REPLY.matcher(local).matches()) {
                return Optional.of("no_reply");
            }
        }
        if (replyTo.size() > 1 || replyTo.size() == 1 && !replyTo.getFirst().equalsIgnoreCase(from)) {
            return Optional.of("reply_to_differs");
        }
        String precedence = headers.getOrDefault("precedence", "").strip().toLowerCase(Locale.ROOT);
        if (headers.containsKey("list-id") || headers.containsKey("list-unsubscribe")
                || precedence.equals("bulk") || precedence.equals("list") || precedence.equals("junk")) {
            return Optional.of("mailing_list");
        }
        String auto = headers.getOrDefault("auto-submitted", "no").strip().toLowerCase(Locale.ROOT);
        if (!auto.isEmpty() && !auto.startsWith("no")) {
            return Optional.of("automated");
        }
        return Optional.empty();
    }

    /** The one sender's bare address, or null when From is not exactly one address. */
    static String sender(Map<String, String> headers) {
        List<String> senders = addresses(headers.get("from"));
        return senders == null || senders.size() != 1 ? null : senders.getFirst();
    }

    /** The bare addresses of an address header; null when it is unreadable or names something not an address. */
    private static List<String> addresses(String header) {
        if (header == null) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
                if (a.getAddress() == null || a.getAddress().indexOf('@') <= 0 || a.isGroup()) {
                    return null;
                }
                out.add(a.getAddress());
            }
            return out;
        } catch (AddressException e) {
            return null;
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest);
        all.addFirst(first);
        return all;
    }
}
