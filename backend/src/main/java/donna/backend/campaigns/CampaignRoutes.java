package donna.backend.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/campaigns}: make a draft, change it, list, read with results, preview per recipient, start (the person's
 * click), pause, resume, cancel, delete a draft, and look for replies. Another user's campaign is 404.
 */
final class CampaignRoutes implements RouteGroup {
    private final CampaignService campaigns;
    private final ReplyCheck replies;
    private final ObjectMapper mapper;

    CampaignRoutes(CampaignService campaigns, ReplyCheck replies, ObjectMapper mapper) {
        this.campaigns = campaigns;
        this.replies = replies;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/campaigns", this::list);
        routes.post("/api/campaigns", this::create);
        routes.get("/api/campaigns/{id}", this::get);
        routes.patch("/api/campaigns/{id}", this::update);
        routes.delete("/api/campaigns/{id}", this::delete);
        routes.get("/api/campaigns/{id}/preview", this::preview);
        routes.post("/api/campaigns/{id}/start", ctx -> answer(ctx, campaigns.start(user(ctx), id(ctx))));
        routes.post("/api/campaigns/{id}/pause", ctx -> answer(ctx, campaigns.pause(user(ctx), id(ctx))));
        routes.post("/api/campaigns/{id}/resume", ctx -> answer(ctx, campaigns.resume(user(ctx), id(ctx))));
        routes.post("/api/campaigns/{id}/cancel", ctx -> answer(ctx, campaigns.cancel(user(ctx), id(ctx))));
        routes.post("/api/campaigns/{id}/refresh", this::refresh);
    }

    private void list(Context ctx) {
        ctx.json(Json.success(mapper, Map.of("campaigns", campaigns.list(user(ctx)))));
    }

    private void create(Context ctx) {
        ctx.status(201).json(created(campaigns.create(user(ctx), body(ctx))));
    }

    /** A draft changed: the same answer as a new one (its audience's refused rows, when it was replaced). */
    private void update(Context ctx) {
        ctx.json(created(campaigns.update(user(ctx), id(ctx), body(ctx))));
    }

    private Object created(CampaignService.Created created) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaign", created.campaign());
        out.put("refused", created.refused());
        out.put("suppressed", created.suppressed());
        return Json.success(mapper, out);
    }

    private void get(Context ctx) {
        User user = user(ctx);
        answer(ctx, campaigns.find(user, id(ctx)).orElseThrow(CampaignService::notFound));
    }

    private void delete(Context ctx) {
        campaigns.deleteDraft(user(ctx), id(ctx));
        ctx.json(Map.of("success", true));
    }

    private void preview(Context ctx) {
        ctx.json(Json.success(mapper, Map.of("preview", campaigns.preview(user(ctx), id(ctx),
                ctx.queryParam("email")))));
    }

    private void refresh(Context ctx) {
        User user = user(ctx);
        UUID id = id(ctx);
        campaigns.find(user, id).orElseThrow(CampaignService::notFound);
        ReplyCheck.Found found = replies.check(user, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("found", Map.of("replied", found.replied(), "unsubscribed", found.unsubscribed(),
                "bounced", found.bounced()));
        out.put("campaign", campaigns.find(user, id).orElseThrow(CampaignService::notFound));
        ctx.json(Json.success(mapper, out));
    }

    private void answer(Context ctx, Campaign campaign) {
        ctx.json(Json.success(mapper, Map.of("campaign", campaign)));
    }

    private static User user(Context ctx) {
        return AuthGate.caller(ctx).requireUser();
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

    /** A path id; one that is not a UUID names no campaign (404, as another user's). */
    private static UUID id(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw CampaignService.notFound();
        }
    }
}
