package donna.backend.autopilot;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether Gmail vouched for a mail's sender: its own {@code Authentication-Results} header (RFC 8601, the topmost
 * one, which Gmail prepends; its authserv-id is {@code mx.google.com}) records {@code dmarc=pass} for the From
 * domain, or {@code dkim=pass} with a signing domain ({@code header.d}, or the domain of {@code header.i}) that is
 * the From domain or a parent of it. Anything else (no header, a header some relay or the sender wrote, a failure,
 * a signature by another domain) is not vouched for, and an autopilot reply to it waits for review.
 */
final class SenderAuthentication {
    static final String GMAIL_AUTHSERV = "mx.google.com";
    private static final Pattern RESULT = Pattern.compile("^\\s*(dkim|dmarc)\\s*=\\s*([a-z]+)(.*)$",
            Pattern.DOTALL);
    private static final Pattern PROPERTY = Pattern.compile("header\\.(d|i|from)\\s*=\\s*\"?([^\\s;\"]+)\"?");

    private SenderAuthentication() {}

    /** {@code headers} by lower-case name (the first of each); {@code fromAddress} the one sender's address. */
    static boolean vouchedFor(Map<String, String> headers, String fromAddress) {
        String header = headers.get("authentication-results");
        if (header == null || fromAddress == null || fromAddress.indexOf('@') < 0) {
            return false;
        }
        String fromDomain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String[] parts = withoutComments(header).toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().split("\\s+")[0].equals(GMAIL_AUTHSERV)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            Matcher result = RESULT.matcher(parts[i]);
            if (!result.matches() || !result.group(2).equals("pass")) {
                continue;
            }
            Matcher property = PROPERTY.matcher(result.group(3));
            while (property.find()) {
                String domain = property.group(2);
                domain = domain.substring(domain.lastIndexOf('@') + 1);
                boolean dmarc = result.group(1).equals("dmarc") && property.group(1).equals("from");
                boolean dkim = result.group(1).equals("dkim") && !property.group(1).equals("from");
                if ((dmarc || dkim) && aligned(fromDomain, domain)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The same domain, or {@code from} a subdomain of the signer (relaxed alignment, RFC 7489). */
    private static boolean aligned(String from, String signer) {
        return !signer.isEmpty() && signer.contains(".") && (from.equals(signer) || from.endsWith("." + signer));
    }

    /**
     * The header without its parenthesised comments, which are free text and vouch for nothing, and with no
     * {@code ;} inside quoted strings (an envelope address may be quoted), so only real separators split it.
     */
    private static String withoutComments(String header) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (quoted) {
                quoted = c != '"';
                out.append(c == ';' ? ' ' : c);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                quoted = c == '"';
                out.append(c);
            }
        }
        return out.toString();
    }
}
