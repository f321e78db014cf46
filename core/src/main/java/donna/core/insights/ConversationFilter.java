package donna.core.insights;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The list's (and the analytics') filters; null means "any". {@code from} is inclusive, {@code to} exclusive, over
 * when a conversation started.
 */
public record ConversationFilter(Instant from, Instant to, Integer healthMin, Integer healthMax, Boolean hasFailures,
        String source, String q) {

    public static ConversationFilter all() {
        return new ConversationFilter(null, null, null, null, null, null, null);
    }

    public ConversationFilter between(Instant start, Instant end) {
        return new ConversationFilter(start, end, healthMin, healthMax, hasFailures, source, q);
    }

    public ConversationFilter withSource(String only) {
        return new ConversationFilter(from, to, healthMin, healthMax, hasFailures, only, q);
    }

    /** The query parameters, each {@code &name=value} (empty when nothing filters). */
    String query() {
        StringBuilder s = new StringBuilder();
        add(s, "from", from);
        add(s, "to", to);
        add(s, "health_min", healthMin);
        add(s, "health_max", healthMax);
        add(s, "has_failures", hasFailures);
        add(s, "source", source);
        add(s, "q", q == null || q.isBlank() ? null : q.strip());
        return s.toString();
    }

    static void add(StringBuilder s, String name, Object value) {
        if (value != null) {
            s.append('&').append(name).append('=').append(enc(value.toString()));
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
