package donna.backend.actions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.PathIds;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/actions}: the person's own client lists pending actions and answers them. A confirm here is the
 * person's click: it needs no later turn and is the only way to confirm a mail to a new address.
 */
public final class ActionRoutes implements RouteGroup {
    private static final Set<String> STATUSES = Set.of("pending", "confirmed", "cancelled");

    private final ActionService actions;
    private final ObjectMapper mapper;

    public ActionRoutes(ActionService actions, ObjectMapper mapper) {
        this.actions = actions;
        this.mapper = mapper;
    }

    /** The app queues the mail in its outbox (default); another client may ask the service to send it. */
    record ConfirmBody(@JsonProperty("client_outbox") Boolean clientOutbox) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/actions", this::list);
        routes.post("/api/actions/{id}/confirm", this::confirm);
        routes.post("/api/actions/{id}/cancel", this::cancel);
    }

    private void list(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        String status = ctx.queryParam("status") == null ? "pending" : ctx.queryParam("status");
        if (!STATUSES.contains(status)) {
            throw ApiException.badRequest("validation_failed", "status must be pending, confirmed or cancelled");
        }
        ctx.json(Json.success(mapper, Map.of("actions", actions.list(user, status))));
    }

    private void confirm(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ConfirmBody body = ctx.body().isBlank() ? null : ctx.bodyAsClass(ConfirmBody.class);
        boolean clientOutbox = body == null || body.clientOutbox() == null || body.clientOutbox();
        ConfirmResult result = actions.confirmByClick(user, id(ctx), clientOutbox);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", result.action());
        out.put("mail", result.mail());
        ctx.json(Json.success(mapper, out));
    }

    private void cancel(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.json(Json.success(mapper, Map.of("action", actions.cancel(user, id(ctx)))));
    }

    private static UUID id(Context ctx) {
        return PathIds.uuid(ctx, () -> ApiException.notFound("No such action"));
    }
}
