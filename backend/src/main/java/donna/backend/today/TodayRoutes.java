package donna.backend.today;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.PathIds;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.leads.LeadStore;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/today}: the front desk's day. It answers what the service really holds: messages taken and not yet
 * done, and leads whose follow-up is due. Triage of unread mail and the review queue are not part of it yet; their
 * keys are left out rather than answered empty (docs/workspaces.md, "Front desk: messages").
 */
public final class TodayRoutes implements RouteGroup {
    static final int LIMIT = 200;

    private final TakenMessageStore messages;
    private final LeadStore leads;
    private final ObjectMapper mapper;
    private final Clock clock;

    public TodayRoutes(TakenMessageStore messages, LeadStore leads, ObjectMapper mapper, Clock clock) {
        this.messages = messages;
        this.leads = leads;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/today", this::today);
        routes.patch("/api/today/messages/{id}", this::mark);
    }

    private void today(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", messages.open(user.id(), LIMIT));
        body.put("follow_ups", leads.list(user.id(), new LeadStore.Filter(null, null, null, LocalDate.now(clock),
                LIMIT)));
        ctx.json(Json.success(mapper, body));
    }

    private void mark(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        UUID id = PathIds.uuid(ctx, TodayRoutes::notFound);
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
        }
        if (!body.path("done").isBoolean()) {
            throw ApiException.badRequest("validation_failed", "done must be true or false");
        }
        TakenMessage marked = messages.mark(user.id(), id, body.get("done").asBoolean()).orElseThrow(
                TodayRoutes::notFound);
        ctx.json(Json.success(mapper, Map.of("message", marked)));
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such message");
    }
}
