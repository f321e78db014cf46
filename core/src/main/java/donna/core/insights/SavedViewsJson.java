package donna.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Saved views to and from the service's JSON ({@code /api/v1/saved-views}); read tolerantly like the rest. */
final class SavedViewsJson {
    private SavedViewsJson() {}

    static List<SavedView> list(JsonNode n) {
        List<SavedView> views = new ArrayList<>();
        n.path("saved_views").forEach(v -> {
            SavedView view = view(v);
            if (view != null) {
                views.add(view);
            }
        });
        return views;
    }

    /** Null when the answer lacks an id or a name. */
    static SavedView view(JsonNode v) {
        String id = InsightsJson.text(v, "id");
        String name = InsightsJson.text(v, "name");
        if (id == null || name == null) {
            return null;
        }
        JsonNode f = v.path("filters");
        ConversationFilter filter = new ConversationFilter(InsightsJson.instant(f, "from"),
                InsightsJson.instant(f, "to"), integer(f, "health_min"), integer(f, "health_max"),
                f.path("has_failures").isBoolean() ? f.path("has_failures").asBoolean() : null,
                InsightsJson.text(f, "source"), InsightsJson.text(f, "q"));
        return new SavedView(id, name, filter, ConversationSort.of(InsightsJson.text(f, "sort")),
                InsightsJson.instant(v, "created_at"), InsightsJson.instant(v, "updated_at"));
    }

    /** The filters object: only what filters (nulls left out), and the sort unless it is the default. */
    static ObjectNode filters(ConversationFilter filter, ConversationSort sort) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        if (filter.from() != null) {
            f.put("from", filter.from().toString());
        }
        if (filter.to() != null) {
            f.put("to", filter.to().toString());
        }
        if (filter.healthMin() != null) {
            f.put("health_min", filter.healthMin());
        }
        if (filter.healthMax() != null) {
            f.put("health_max", filter.healthMax());
        }
        if (filter.hasFailures() != null) {
            f.put("has_failures", filter.hasFailures());
        }
        if (filter.source() != null) {
            f.put("source", filter.source());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            f.put("q", filter.q().strip());
        }
        if (sort != null && sort != ConversationSort.RECENT) {
            f.put("sort", sort.wire());
        }
        return f;
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asInt();
    }
}
