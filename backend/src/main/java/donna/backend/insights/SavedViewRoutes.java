package donna.backend.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/saved-views}: the signed-in person's named filter sets of the conversation list. List, create
 * ({@code {"name","filters":{...}}}), rename or refilter (PATCH), delete. Another owner's view is 404 like one that
 * does not exist; a bad field is 400 {@code validation_failed} naming it; a name already used is 409.
 */
final class SavedViewRoutes implements RouteGroup {
    static final int MAX_NAME = 80;

    private final SavedViews views;
    private final ObjectMapper mapper = new ObjectMapper();

    SavedViewRoutes(SavedViews views) {
        this.views = views;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/saved-views", this::list);
        routes.post("/api/v1/saved-views", this::create);
        routes.patch("/api/v1/saved-views/{id}", this::patch);
        routes.delete("/api/v1/saved-views/{id}", this::delete);
    }

    private static UUID owner(Context ctx) {
        return AuthGate.caller(ctx).requireUser().id();
    }

    private void list(Context ctx) {
        ctx.json(Map.of("success", true, "saved_views", views.list(owner(ctx))));
    }

    private void create(Context ctx) {
        UUID owner = owner(ctx);
        JsonNode body = body(ctx);
        String name = name(body.get("name"));
        ObjectNode filters = SavedViewFilters.check(body.get("filters"));
        ctx.status(201).json(Map.of("success", true, "saved_view", views.create(owner, name, filters)));
    }

    private void patch(Context ctx) {
        UUID owner = owner(ctx);
        UUID id = Ids.uuid(ctx.pathParam("id"));
        JsonNode body = body(ctx);
        if (!body.has("name") && !body.has("filters")) {
            throw ConversationQuery.invalid("body", "name, filters or both");
        }
        String name = body.has("name") ? name(body.get("name")) : null;
        ObjectNode filters = body.has("filters") ? SavedViewFilters.check(body.get("filters")) : null;
        var view = views.update(owner, id, name, filters)
                .orElseThrow(() -> ApiException.notFound("No such saved view"));
        ctx.json(Map.of("success", true, "saved_view", view));
    }

    private void delete(Context ctx) {
        if (!views.delete(owner(ctx), Ids.uuid(ctx.pathParam("id")))) {
            throw ApiException.notFound("No such saved view");
        }
        ctx.json(Map.of("success", true));
    }

    private JsonNode body(Context ctx) {
        JsonNode body;
        try {
            body = mapper.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "Request body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ConversationQuery.invalid("body", "a JSON object");
        }
        return body;
    }

    private static String name(JsonNode node) {
        String name = node != null && node.isTextual() ? node.asText().strip() : null;
        if (name == null || name.isEmpty() || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl)) {
            throw ConversationQuery.invalid("name", "1-" + MAX_NAME + " characters, no control characters");
        }
        return name;
    }
}
