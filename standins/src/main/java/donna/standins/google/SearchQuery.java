package donna.standins.google;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Gmail's search language the fake understands: {@code is:unread|read|starred},
 * {@code in:inbox|sent|trash|spam|anywhere}, {@code label:}, {@code from:}, {@code to:}, {@code subject:},
 * {@code rfc822msgid:} (with or without angle brackets), {@code "quoted phrases"} and bare words (found in
 * subject, from, to or body). All terms must match.
 */
final class SearchQuery {
    private static final Pattern TOKEN = Pattern.compile("(\\w+:)?(\"[^\"]*\"|\\S+)");

    private final List<Predicate<StoredMessage>> terms = new ArrayList<>();
    private boolean anywhere;

    private SearchQuery() {}

    static SearchQuery parse(String q, boolean includeSpamTrash) {
        SearchQuery query = new SearchQuery();
        query.anywhere = includeSpamTrash;
        if (q == null) {
            return query;
        }
        Matcher m = TOKEN.matcher(q);
        while (m.find()) {
            String op = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2).replace("\"", "");
            query.add(op, value);
        }
        return query;
    }

    private void add(String op, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        switch (op) {
            case "is:" -> terms.add(switch (v) {
                case "unread" -> m -> m.hasLabel("UNREAD");
                case "read" -> m -> !m.hasLabel("UNREAD");
                default -> m -> m.hasLabel(v.toUpperCase(Locale.ROOT));
            });
            case "in:" -> {
                if ("anywhere".equals(v)) {
                    anywhere = true;
                } else {
                    terms.add(m -> m.hasLabel(v.toUpperCase(Locale.ROOT)));
                }
            }
            case "label:" -> terms.add(m -> m.hasLabel(value) || m.hasLabel(v.toUpperCase(Locale.ROOT)));
            case "from:" -> terms.add(m -> contains(m.header("From"), v));
            case "to:" -> terms.add(m -> contains(m.header("To"), v) || contains(m.header("Cc"), v));
            case "subject:" -> terms.add(m -> contains(m.header("Subject"), v));
            case "rfc822msgid:" -> {
                String id = stripBrackets(value);
                terms.add(m -> id.equals(stripBrackets(String.valueOf(m.header("Message-ID")))));
            }
            default -> terms.add(m -> contains(m.header("Subject"), v) || contains(m.header("From"), v)
                    || contains(m.header("To"), v) || contains(m.snippet, v)
                    || contains(Rfc822.firstText(m.mime, "text/plain"), v));
        }
    }

    /** True for in:anywhere or includeSpamTrash=true: then spam and trash are searched too. */
    boolean includesSpamAndTrash() {
        return anywhere;
    }

    boolean matches(StoredMessage message) {
        return terms.stream().allMatch(t -> t.test(message));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    static String stripBrackets(String id) {
        String s = id.strip();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }
}
