package donna.backend.leads;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which senders "Find leads in my inbox" leaves out from a mail's headers alone, before any model sees them: the
 * user's own address, no-reply and system senders, mailing lists and bulk mail (List-Id, List-Unsubscribe,
 * Precedence bulk/list/junk), automated mail (Auto-Submitted other than "no"), and a From that is not exactly one
 * address. The same rules autopilot keeps (its {@code RoutineFilter}); kept here so the two can change apart.
 */
final class SenderRules {
    /** The headers the rules read, asked of Gmail in the one metadata batch. */
    static final List<String> HEADERS = List.of("From", "Subject", "Date", "List-Id", "List-Unsubscribe",
            "Precedence", "Auto-Submitted");
    private static final Pattern NO_REPLY = Pattern.compile(
            "(?:.*[._+-])?(?:no-?reply|do-?not-?reply|noreply|mailer-daemon|postmaster|bounces?|notifications?)"
                    + "(?:[._+-].*)?");

    private SenderRules() {}

    /** The one sender: its bare address in lower case and its display name (null when none). */
    record Sender(String email, String name) {}

    /** The one sender of a mail, or empty when From is missing, unreadable or names several. */
    static Optional<Sender> sender(Map<String, String> headers) {
        String from = headers.get("from");
        if (from == null || from.isBlank()) {
            return Optional.empty();
        }
        try {
            InternetAddress[] all = InternetAddress.parseHeader(from, false);
            if (all.length != 1 || all[0].isGroup() || all[0].getAddress() == null
                    || all[0].getAddress().indexOf('@') <= 0) {
                return Optional.empty();
            }
            String name = all[0].getPersonal();
            return Optional.of(new Sender(all[0].getAddress().strip().toLowerCase(Locale.ROOT),
                    name == null || name.isBlank() ? null : name.strip()));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /** Why this mail's sender is not a candidate ({@code own_address}, ...), or empty when it is. */
    static Optional<String> exclusion(Map<String, String> headers, String ownEmail) {
        Optional<Sender> sender = sender(headers);
        if (sender.isEmpty()) {
            return Optional.of("unreadable_sender");
        }
        String address = sender.get().email();
        if (ownEmail != null && address.equalsIgnoreCase(ownEmail.strip())) {
            return Optional.of("own_address");
        }
        if (NO_REPLY.matcher(address.substring(0, address.indexOf('@'))).matches()) {
            return Optional.of("no_reply");
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
}
