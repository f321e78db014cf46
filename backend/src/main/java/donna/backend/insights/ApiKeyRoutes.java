package donna.backend.insights;

import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** The signed-in person's ingestion keys: create (secret shown once), list, revoke. */
final class ApiKeyRoutes implements RouteGroup {
    private final ApiKeys keys;

    ApiKeyRoutes(ApiKeys keys) {
        this.keys = keys;
    }

    record CreateBody(String name) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/api-keys", this::create);
        routes.get("/api/v1/api-keys", this::list);
        routes.delete("/api/v1/api-keys/{id}", this::revoke);
    }

    private void create(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        CreateBody body = ctx.bodyAsClass(CreateBody.class);
        ApiKeys.Created created = keys.create(user.id(), body == null ? null : body.name());
        ctx.status(201).json(Map.of("success", true, "api_key", created.key(), "secret", created.secret()));
    }

    private void list(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.json(Map.of("success", true, "api_keys", keys.list(user.id())));
    }

    private void revoke(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        if (!keys.revoke(user.id(), Ids.uuid(ctx.pathParam("id")))) {
            throw ApiException.notFound("No such API key");
        }
        ctx.json(Map.of("success", true));
    }
}
