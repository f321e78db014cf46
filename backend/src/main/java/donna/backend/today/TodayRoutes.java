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
 * {@code /api/today}: the front desk's day (docs/workspaces.md, "Front desk: Today"): messages taken and not yet
 * done, unread mail with the model's triage (cached; the rest triaged in the background and counted as pending),
 * autopilot's review queue, sent mail that got no reply, and leads whose follow-up is due. Also the follow-up
 * setting, and DONNA's draft of a follow-up (never sent: the person reviews it).
 */
public final class TodayRoutes implements RouteGroup {
    static final int LIMIT = 200;

    static final int MAX_FOLLOW_UP_DAYS = 60;

    private final TakenMessageStore messages;
    private final LeadStore leads;
    private final MailDesk mail;
    private final ObjectMapper mapper;
    private final Clock clock;

    public TodayRoutes(TakenMessageStore messages, LeadStore leads, MailDesk mail, ObjectMapper mapper, Clock clock) {
        this.messages = messages;
        this.leads = leads;
        this.mail = mail;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/today", this::today);
        routes.patch("/api/today/messages/{id}", this::mark);
        routes.get("/api/today/settings", this::settings);
        routes.put("/api/today/settings", this::putSettings);
        routes.post("/api/today/follow-ups/{id}/draft", this::draftFollowUp);
    }

    private void today(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        Map<String, Object> body = new LinkedHashMap<>();
        mail.today(user, body);
        body.put("messages", messages.open(user.id(), LIMIT));
        body.put("lead_follow_ups", leads.list(user.id(), new LeadStore.Filter(null, null, null,
                LocalDate.now(clock), LIMIT)));
        ctx.json(Json.success(mapper, body));
    }

    private void settings(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.json(Json.success(mapper, Map.of("follow_up_days", mail.store().followUpDays(user.id()))));
    }

    private void putSettings(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
        }
        JsonNode days = body.path("follow_up_days");
        if (!days.isInt() || days.asInt() < 1 || days.asInt() > MAX_FOLLOW_UP_DAYS) {
            throw ApiException.badRequest("validation_failed", "follow_up_days must be a whole number from 1 to "
                    + MAX_FOLLOW_UP_DAYS);
        }
        mail.store().saveFollowUpDays(user.id(), days.asInt());
        ctx.json(Json.success(mapper, Map.of("follow_up_days", days.asInt())));
    }

    private void draftFollowUp(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        String id = ctx.pathParam("id");
        if (id.isBlank() || id.length() > 200) {
            throw ApiException.notFound("No such message in Gmail");
        }
        ctx.json(Json.success(mapper, Map.of("draft", mail.draftFollowUp(user, id))));
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
