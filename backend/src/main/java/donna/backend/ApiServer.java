package donna.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.auth.SignInConfigRoutes;
import donna.backend.config.BackendConfig;
import donna.backend.health.HealthRoutes;
import donna.backend.http.ApiException;
import donna.backend.http.CorsPolicy;
import donna.backend.http.ErrorEnvelope;
import donna.backend.http.RouteGroup;
import donna.backend.http.SecurityHeaders;
import donna.backend.http.TraceIds;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin server from its parts. Order of every request: trace id and security headers, body size,
 * CORS (a foreign Origin is refused before any handler), then for /api/* routes other than health and the sign-in config the auth gate
 * (which also rate limits), then the route.
 */
final class ApiServer {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final long STOP_TIMEOUT_MS = 10_000;
    /** What a client needs before it can authenticate: liveness, and how to sign in. */
    private static final Set<String> PUBLIC_PATHS = Set.of(HealthRoutes.PATH, SignInConfigRoutes.PATH);

    private ApiServer() {}

    static Javalin create(BackendConfig config, ObjectMapper mapper, AuthGate gate, List<RouteGroup> features) {
        CorsPolicy cors = new CorsPolicy(config.allowedOrigins());
        SecurityHeaders headers = new SecurityHeaders(config.trustForwardedProto());
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.jsonMapper(new JavalinJackson(mapper, false));
            javalin.http.maxRequestSize = config.maxBodyBytes();
            javalin.http.prefer405over404 = true;
            // Streamed chat replies must leave as they are written; JSON bodies here are small.
            javalin.http.compressionStrategy = CompressionStrategy.NONE;
            javalin.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            javalin.jetty.modifyServer(server -> {
                // In-flight requests finish on stop (SIGTERM) instead of being cut off: Jetty waits for them only
                // when a GracefulHandler is in the tree, and Javalin installs its handlers just before starting.
                server.setStopTimeout(STOP_TIMEOUT_MS);
                server.setStopAtShutdown(false);
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        if (!(server.getHandler() instanceof GracefulHandler)) {
                            server.setHandler(new GracefulHandler(server.getHandler()));
                        }
                    }
                });
            });
            javalin.requestLogger.http((ctx, ms) -> log.info("{} {} -> {} in {} ms [{}]", ctx.method(),
                    ctx.path(), ctx.statusCode(), Math.round(ms), TraceIds.of(ctx)));

            javalin.routes.before(ctx -> {
                TraceIds.assign(ctx);
                headers.apply(ctx);
                checkDeclaredSize(ctx, config.maxBodyBytes());
                if (cors.apply(ctx)) {
                    ctx.skipRemainingHandlers();
                    return;
                }
                if (isProtected(ctx)) {
                    gate.requireCaller(ctx);
                } else if (!HealthRoutes.PATH.equals(ctx.path()) || ctx.queryParam("detail") == null) {
                    gate.limitAnonymous(ctx);
                }
            });
            javalin.routes.after(ctx -> TraceIds.clear());
            ErrorEnvelope.install(javalin);
            features.forEach(feature -> feature.register(javalin.routes));
        });
    }

    private static boolean isProtected(Context ctx) {
        return ctx.path().startsWith("/api/") && !PUBLIC_PATHS.contains(ctx.path());
    }

    private static void checkDeclaredSize(Context ctx, long max) {
        String length = ctx.header("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > max) {
                    throw new ApiException(413, "payload_too_large", "Request body larger than " + max + " bytes");
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("bad_request", "Content-Length is not a number");
            }
        }
    }
}
