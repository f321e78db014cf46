package donna.backend.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;

/**
 * The CORS allowlist, enforced before any handler runs (Javalin's bundled plugin still runs the handler for a
 * foreign origin and answers preflights 200). Requests without an Origin header, like the desktop app's, pass.
 */
public final class CorsPolicy {
    private static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String ALLOW_HEADERS = "Authorization, Content-Type, Accept, Idempotency-Key, X-Donna-User";
    private static final String EXPOSE_HEADERS = "X-Trace-Id, Retry-After";

    private final Set<String> allowedOrigins;

    public CorsPolicy(List<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** Returns true when the request was a preflight and has been answered. */
    public boolean apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        if (!allowedOrigins.contains(origin)) {
            throw new ApiException(403, "origin_forbidden", "Origin not allowed");
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        ctx.header("Vary", "Origin");
        if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
            ctx.header("Access-Control-Allow-Methods", ALLOW_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            return true;
        }
        return false;
    }
}
