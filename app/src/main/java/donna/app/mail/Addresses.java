package donna.app.mail;

import java.util.Arrays;
import java.util.List;

/** Mail addresses as people type them ("ana@example.com, Bo <bo@example.com>") and as headers carry them. */
public final class Addresses {
    private Addresses() {}

    /** The addresses in a comma- or semicolon-separated field; blanks dropped. */
    public static List<String> parse(String field) {
        if (field == null) {
            return List.of();
        }
        return Arrays.stream(field.split("[,;]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The bare address of a header value: {@code Ann Lee <ann@example.com>} gives {@code ann@example.com}. */
    public static String bare(String header) {
        if (header == null) {
            return "";
        }
        int open = header.lastIndexOf('<');
        int close = header.lastIndexOf('>');
        return open >= 0 && close > open ? header.substring(open + 1, close).strip() : header.strip();
    }

    /** The display name of a header value, or the address when it has none. */
    static String name(String header) {
        if (header == null) {
            return "";
        }
        int open = header.lastIndexOf('<');
        String name = open > 0 ? header.substring(0, open).strip().replaceAll("^\"|\"$", "") : "";
        return name.isEmpty() ? bare(header) : name;
    }

    public static String join(List<String> addresses) {
        return String.join(", ", addresses);
    }
}
