package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The filters a saved view keeps: the conversation list's query parameters as JSON ({@code from}, {@code to},
 * {@code health_min}, {@code health_max}, {@code has_failures}, {@code source}, {@code q}, {@code sort}), checked
 * by the list's own rules so a saved view always applies cleanly. A bad one is 400 naming it
 * ({@code filters.health_min}); a null value means "any" and is not kept.
 */
final class SavedViewFilters {
    static final Set<String> KEYS = Set.of("from", "to", "health_min", "health_max", "has_failures", "source", "q",
            "sort");

    private SavedViewFilters() {}

    static ObjectNode check(JsonNode filters) {
        if (filters == null || !filters.isObject()) {
            throw invalid("filters", "an object of the list's filters (" + String.join(", ", sorted()) + ")");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = filters.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode v = f.getValue();
            if (!KEYS.contains(key)) {
                throw invalid("filters." + key, "not a filter; one of " + String.join(", ", sorted()));
            }
            if (v.isNull()) {
                continue;
            }
            switch (key) {
                case "from", "to" -> {
                    if (!v.isTextual() || !isTime(v.asText())) {
                        throw invalid("filters." + key, "an ISO-8601 time with offset or a date (2026-12-01)");
                    }
                    out.put(key, v.asText());
                }
                case "health_min", "health_max" -> {
                    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > 100) {
                        throw invalid("filters." + key, "a whole number from 0 to 100");
                    }
                    out.put(key, v.asInt());
                }
                case "has_failures" -> {
                    if (!v.isBoolean()) {
                        throw invalid("filters.has_failures", "true or false");
                    }
                    out.put(key, v.asBoolean());
                }
                case "source" -> {
                    if (!v.isTextual() || !ConversationQuery.SOURCES.contains(v.asText())) {
                        throw invalid("filters.source", "one of donna-chat, donna-voice, api");
                    }
                    out.put(key, v.asText());
                }
                case "q" -> {
                    if (!v.isTextual() || v.asText().length() > 200) {
                        throw invalid("filters.q", "a string of at most 200 characters");
                    }
                    if (!v.asText().isBlank()) {
                        out.put(key, v.asText());
                    }
                }
                case "sort" -> {
                    if (!v.isTextual()) {
                        throw invalid("filters.sort", "one of recent, health_asc, health_desc");
                    }
                    try {
                        ConversationQuery.Sort.of(v.asText());
                    } catch (RuntimeException e) {
                        throw invalid("filters.sort", "one of recent, health_asc, health_desc");
                    }
                    out.put(key, v.asText());
                }
                default -> throw new IllegalStateException(key);
            }
        }
        if (out.has("health_min") && out.has("health_max")
                && out.get("health_min").asInt() > out.get("health_max").asInt()) {
            throw invalid("filters.health_min", "at most health_max");
        }
        return out;
    }

    private static boolean isTime(String text) {
        try {
            if (text.length() == 10) {
                LocalDate.parse(text);
            } else {
                OffsetDateTime.parse(text);
            }
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static java.util.List<String> sorted() {
        return KEYS.stream().sorted().toList();
    }

    private static donna.backend.http.ApiException invalid(String field, String rule) {
        return ConversationQuery.invalid(field, rule);
    }
}
