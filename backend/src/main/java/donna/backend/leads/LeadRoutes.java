package donna.backend.leads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.PathIds;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/leads}: the Sales workspace's leads (list with filters, create or update by address, get, edit,
 * delete). Another user's lead is 404.
 */
public final class LeadRoutes implements RouteGroup {
    static final int LIST_LIMIT = 500;
    static final int MAX_QUERY = 200;

    private final LeadStore leads;
    private final ObjectMapper mapper;
    private final Clock clock;

    /** @param clock whose day "follow-up due" means (the service's zone: the desktop's is the person's) */
    public LeadRoutes(LeadStore leads, ObjectMapper mapper, Clock clock) {
        this.leads = leads;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/leads", this::list);
        routes.post("/api/leads", this::create);
        routes.get("/api/leads/{id}", this::get);
        routes.patch("/api/leads/{id}", this::edit);
        routes.delete("/api/leads/{id}", this::delete);
    }

    private void list(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        String q = ctx.queryParam("q");
        if (q != null && (q.length() > MAX_QUERY || q.chars().anyMatch(Character::isISOControl))) {
            throw LeadFields.invalid("q must be one line of at most " + MAX_QUERY + " characters");
        }
        LeadStore.Filter filter = new LeadStore.Filter(
                LeadFields.filter("stage", ctx.queryParam("stage"), LeadFields.STAGES),
                LeadFields.filter("category", ctx.queryParam("category"), LeadFields.CATEGORIES),
                q == null || q.isBlank() ? null : q.strip(),
                due(ctx.queryParam("follow_up_due")) ? LocalDate.now(clock) : null, LIST_LIMIT);
        ctx.json(Json.success(mapper, Map.of("leads", leads.list(user.id(), filter))));
    }

    private void create(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        JsonNode body = body(ctx);
        Map<String, Object> fields = LeadFields.parse(body, true);
        LeadStore.Saved saved = leads.upsert(user.id(), fields, LeadFields.threadIds(body));
        ctx.status(saved.created() ? 201 : 200).json(Json.success(mapper, Map.of("lead", saved.lead(),
                "created", saved.created())));
    }

    private void get(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        Lead lead = leads.find(user.id(), id(ctx)).orElseThrow(LeadRoutes::notFound);
        ctx.json(Json.success(mapper, Map.of("lead", lead)));
    }

    private void edit(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        UUID id = id(ctx);
        JsonNode body = body(ctx);
        Lead lead = leads.update(user.id(), id, LeadFields.parse(body, false), LeadFields.threadIds(body))
                .orElseThrow(LeadRoutes::notFound);
        ctx.json(Json.success(mapper, Map.of("lead", lead)));
    }

    private void delete(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        if (!leads.delete(user.id(), id(ctx))) {
            throw notFound();
        }
        ctx.json(Map.of("success", true));
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode body = mapper.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "Request body is not valid JSON");
        }
    }

    private static boolean due(String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw LeadFields.invalid("follow_up_due must be true or false");
    }

    /** A path id; one that is not a UUID names no lead (404, as another user's). */
    private static UUID id(Context ctx) {
        return PathIds.uuid(ctx, LeadRoutes::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such lead");
    }
}
