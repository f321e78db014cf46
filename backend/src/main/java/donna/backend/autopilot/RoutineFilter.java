package donna.backend.autopilot;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mail autopilot must never answer, from its headers alone: the user's own mail, no-reply and system senders,
 * mailing lists and newsletters (List-Id, List-Unsubscribe, Precedence bulk/list/junk), and automated messages
 * (Auto-Submitted other than "no", RFC 3834). The headers are read in lower case.
 */
final class RoutineFilter {
    /** The headers the rules read, asked of Gmail in the metadata batch. */
    static final java.util.List<String> HEADERS = java.util.List.of("From", "Reply-To", "Subject", "List-Id",
            "List-Unsubscribe", "Precedence", "Auto-Submitted");
    private static final Pattern NO_REPLY = Pattern.compile(
            "(?:.*[._+-])?(?:no-?reply|do-?not-?reply|noreply|mailer-daemon|postmaster|bounces?|notifications?)"
                    + "(?:[._+-].*)?");

    private RoutineFilter() {}

    /** Why this mail must be left alone, or empty when autopilot may consider it. */
    static Optional<String> exclusion(Map<String, String> headers, String ownEmail) {
        String from = address(headers.get("from"));
        if (from == null) {
            return Optional.of("no_reply");
        }
        if (ownEmail != null && from.equalsIgnoreCase(ownEmail)) {
            return Optional.of("own_address");
        }
        String local = from.substring(0, from.indexOf('@')).toLowerCase(Locale.ROOT);
        if (NO_REPLY.matcher(local).matches()) {
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

    /** The bare address of a From header, or null when it has none. */
    private static String address(String header) {
        try {
            InternetAddress[] parsed = header == null ? new InternetAddress[0]
                    : InternetAddress.parseHeader(header, false);
            return parsed.length == 0 || parsed[0].getAddress() == null || parsed[0].getAddress().indexOf('@') <= 0
                    ? null : parsed[0].getAddress();
        } catch (AddressException e) {
            return null;
        }
    }
}
