package donna.backend.drafts;

import donna.backend.http.ApiException;
import donna.backend.gmail.MailComposer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks the fields of a draft the way sending will (one address per entry, no line breaks), before it is stored. */
public final class Addresses {
    public static final int MAX_RECIPIENTS = 100;
    public static final int MAX_SUBJECT = 998;
    public static final int MAX_BODY = 200_000;

    private Addresses() {}

    /** The entries, stripped, each one valid address. @throws ApiException 400 {@code invalid_input} naming the field */
    public static List<String> check(String field, List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            bare(field, value);
            out.add(value.strip());
        }
        if (out.size() > MAX_RECIPIENTS) {
            throw invalid(field + " has more than " + MAX_RECIPIENTS + " addresses");
        }
        return out;
    }

    /**
     * The plain address of one entry ({@code "Ann <Ann@Example.com>"} -> {@code ann@example.com}), checked as
     * sending checks it ({@code MailComposer.address}), plus no spaces or quotes inside the address itself: it is
     * compared with the person's Sent mail and typed words (recipient grounding).
     */
    public static String bare(String field, String value) {
        String address = MailComposer.address(field, value).getAddress();
        if (address.chars().anyMatch(c -> c <= ' ' || c == '"')) {
            throw invalid(field + " has an invalid address: " + value.strip());
        }
        return address.toLowerCase(Locale.ROOT);
    }

    public static String subject(String subject) {
        if (subject != null && (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0
                || subject.length() > MAX_SUBJECT)) {
            throw invalid("subject must be one line of at most " + MAX_SUBJECT + " characters");
        }
        return subject;
    }

    public static String body(String body) {
        if (body != null && body.length() > MAX_BODY) {
            throw invalid("body is longer than " + MAX_BODY + " characters");
        }
        return body;
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_input", message);
    }
}
