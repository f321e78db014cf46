package donna.backend.auth;

import donna.backend.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import java.util.HashMap;
import java.util.Map;

/** GET /api/me: who the service thinks is calling (the app shows it; checks use it). */
public final class MeRoutes implements RouteGroup {
    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/me", ctx -> {
            Caller caller = AuthGate.caller(ctx);
            Map<String, Object> body = new HashMap<>();
            body.put("success", true);
            body.put("auth", caller.kind().wire());
            body.put("user", caller.user().orElse(null));
            ctx.json(body);
        });
    }
}
