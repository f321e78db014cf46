package donna.backend.memory;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** What DONNA remembers about the user (GET/PUT/DELETE /api/memory); it goes into every chat prompt. */
public final class MemoryRoutes implements RouteGroup {
    private final MemoryStore store;

    public MemoryRoutes(MemoryStore store) {
        this.store = store;
    }

    record PutBody(String key, JsonNode value) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/memory", this::list);
        routes.put("/api/memory", this::put);
        routes.delete("/api/memory/{key}", this::delete);
    }

    private void list(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.json(Map.of("success", true, "memory", store.list(user.id())));
    }

    private void put(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        PutBody body = ctx.bodyAsClass(PutBody.class);
        if (body == null) {
            throw ApiException.badRequest("validation_failed", "key must be 1-100 letters, digits, spaces or _.:-");
        }
        store.put(user.id(), body.key(), body.value());
        ctx.json(Map.of("success", true));
    }

    private void delete(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        if (!store.forget(user.id(), ctx.pathParam("key"))) {
            throw ApiException.notFound("Nothing remembered under that key");
        }
        ctx.json(Map.of("success", true));
    }
}
