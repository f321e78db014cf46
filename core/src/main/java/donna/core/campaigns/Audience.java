package donna.core.campaigns;

import java.util.List;

/** Who a new campaign goes to: exactly one of pasted addresses, a CSV file's text, or a Gmail search. */
public record Audience(List<String> emails, String csv, String gmailQuery) {
    public Audience {
        emails = emails == null ? null : List.copyOf(emails);
    }

    public static Audience emails(List<String> emails) {
        return new Audience(emails, null, null);
    }

    public static Audience csv(String text) {
        return new Audience(null, text, null);
    }

    public static Audience gmailQuery(String query) {
        return new Audience(null, null, query);
    }
}
