package donna.backend.leads;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.drafts.Addresses;
import donna.backend.http.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a lead's fields, whoever sends them (the Sales workspace, {@code classify_lead}), before they are stored.
 * The result maps column names to checked values: a field absent from the body is absent from the map (left as
 * it is), an explicit null clears a field that may be empty.
 */
public final class LeadFields {
    public static final List<String> STAGES = List.of("new", "contacted", "qualified", "won", "lost");
    public static final List<String> CATEGORIES = List.of("hot", "warm", "cold");
    public static final List<String> SOURCES = List.of("mail", "voice", "chat", "typed");
    static final int MAX_NAME = 200;
    static final int MAX_REASON = 500;
    static final int MAX_NOTES = 10_000;
    static final int MAX_THREADS = 20;
    /** The columns a body may set; only these names ever reach the SQL. */
    static final Set<String> COLUMNS = Set.of("name", "email", "company", "stage", "category", "category_reason",
            "source", "next_follow_up", "notes");

    private LeadFields() {}

    /**
     * @param creating a new lead (or an upsert by email): name is required and source may be given
     * @throws ApiException 400 {@code validation_failed} naming the first field that fails
     */
    public static Map<String, Object> parse(JsonNode body, boolean creating) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (creating && (!body.hasNonNull("name"))) {
            throw invalid("name is required");
        }
        if (body.has("name")) {
            out.put("name", required("name", line(body, "name", MAX_NAME)));
        }
        if (body.has("email")) {
            out.put("email", email(text(body, "email")));
        }
        if (body.has("company")) {
            out.put("company", line(body, "company", MAX_NAME));
        }
        if (body.has("stage")) {
            out.put("stage", required("stage", oneOf(body, "stage", STAGES)));
        }
        if (body.has("category")) {
            out.put("category", oneOf(body, "category", CATEGORIES));
        }
        if (body.has("category_reason")) {
            out.put("category_reason", bounded("category_reason", text(body, "category_reason"), MAX_REASON));
        }
        if (body.has("source")) {
            if (!creating) {
                throw invalid("source is set when a lead is created and cannot be changed");
            }
            out.put("source", required("source", oneOf(body, "source", SOURCES)));
        }
        if (body.has("next_follow_up")) {
            out.put("next_follow_up", date("next_follow_up", text(body, "next_follow_up")));
        }
        if (body.has("notes")) {
            String notes = bounded("notes", text(body, "notes"), MAX_NOTES);
            out.put("notes", notes == null ? "" : notes);
        }
        return out;
    }

    /** {@code thread_ids}: Gmail thread ids the lead came from (added, never removed by an update). */
    public static List<String> threadIds(JsonNode body) {
        JsonNode ids = body.path("thread_ids");
        if (ids.isMissingNode() || ids.isNull()) {
            return List.of();
        }
        if (!ids.isArray() || ids.size() > MAX_THREADS) {
            throw invalid("thread_ids must be a list of at most " + MAX_THREADS + " thread ids");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode id : ids) {
            out.add(threadId("thread_ids", id.isTextual() ? id.asText() : null));
        }
        return List.copyOf(out);
    }

    /** One Gmail thread id: 1-128 printable characters without spaces. */
    public static String threadId(String field, String id) {
        if (id == null || id.isEmpty() || id.length() > 128 || id.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw invalid(field + " must hold thread ids of 1-128 printable characters");
        }
        return id;
    }

    /** A filter value that must be one of {@code allowed}; null when absent. */
    public static String filter(String field, String value, List<String> allowed) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw invalid(field + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return v.asText();
    }

    /** One line of at most {@code max} characters, stripped; blank is null. */
    private static String line(JsonNode body, String field, int max) {
        String value = text(body, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field + " must be one line without control characters");
        }
        return bounded(field, value.strip(), max);
    }

    private static String bounded(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
        return value;
    }

    private static String oneOf(JsonNode body, String field, List<String> allowed) {
        String value = text(body, field);
        if (value != null && !allowed.contains(value)) {
            throw invalid(field + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** A bare address, lower case ({@code "Ann <Ann@X.com>"} is {@code ann@x.com}); blank is null. */
    private static String email(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 320) {
            throw invalid("email must be one mail address");
        }
        try {
            return Addresses.bare("email", value);
        } catch (ApiException e) {
            throw invalid("email must be one mail address");
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be a date as YYYY-MM-DD");
        }
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw invalid(field + " cannot be empty");
        }
        return value;
    }

    static ApiException invalid(String message) {
        return ApiException.badRequest("validation_failed", message);
    }
}
