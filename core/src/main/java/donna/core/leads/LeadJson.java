package donna.core.leads;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The leads routes' JSON to records; tolerant: a lead without an id is left out, a bad date is no date. */
public final class LeadJson {
    private LeadJson() {}

    /** The {@code leads} array of an answer. */
    public static List<Lead> leads(JsonNode answer) {
        List<Lead> out = new ArrayList<>();
        answer.path("leads").forEach(n -> {
            Lead lead = lead(n);
            if (lead != null) {
                out.add(lead);
            }
        });
        return out;
    }

    /** A lead object, or null when it has no id. */
    public static Lead lead(JsonNode n) {
        String id = text(n, "id");
        if (id == null) {
            return null;
        }
        List<String> threads = new ArrayList<>();
        n.path("threads").forEach(t -> threads.add(t.asText()));
        return new Lead(id, text(n, "name"), text(n, "email"), text(n, "company"), text(n, "stage"),
                text(n, "category"), text(n, "category_reason"), text(n, "source"), date(text(n, "next_follow_up")),
                text(n, "notes"), threads);
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }
}
