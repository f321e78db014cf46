package donna.backend.campaigns;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{field}}} in a campaign's subject and body, filled from each recipient's fields ({@code first_name},
 * {@code name}, {@code email} and any CSV column). A field a recipient lacks is refused when the campaign is
 * made, never sent as a blank.
 */
final class MergeFields {
    static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    private MergeFields() {}

    /** The field names a template uses, in order of first use. */
    static Set<String> used(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(template);
        while (m.find()) {
            names.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return names;
    }

    /** The template with each field replaced; a field without a value stays as written (checked before). */
    static String fill(String template, Map<String, String> values) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1).toLowerCase(java.util.Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
