package donna.backend.insights;

import donna.backend.auth.AuthGate;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** {@code /api/v1/samples}: the signed-in person's sample conversations: how many, add (or renew), remove. */
final class SampleRoutes implements RouteGroup {
    private final SampleConversations samples;

    SampleRoutes(SampleConversations samples) {
        this.samples = samples;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/samples", this::count);
        routes.post("/api/v1/samples", this::add);
        routes.delete("/api/v1/samples", this::remove);
    }

    private void count(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.json(Map.of("success", true, "samples", samples.count(user.id())));
    }

    private void add(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.status(201).json(Map.of("success", true, "samples", samples.add(user.id())));
    }

    private void remove(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.json(Map.of("success", true, "removed", samples.remove(user.id())));
    }
}
