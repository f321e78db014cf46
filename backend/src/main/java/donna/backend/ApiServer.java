package donna.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.auth.SignInConfigRoutes;
import donna.backend.campaigns.UnsubscribeRoutes;
import donna.backend.config.BackendConfig;
import donna.backend.health.HealthRoutes;
import donna.backend.http.ApiException;
import donna.backend.insights.Insights;
import donna.backend.http.CorsPolicy;
import donna.backend.http.ErrorEnvelope;
import donna.backend.http.RouteGroup;
import donna.backend.http.SecurityHeaders;
import donna.backend.http.TraceIds;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
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
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    /** Acceptor and selector take one thread each; two more serve the app's requests, more when it sends more. */
    private static final int DESKTOP_MIN_THREADS = 4;
    private static final int DESKTOP_MAX_THREADS = 32;
    private static final int DESKTOP_THREAD_IDLE_MS = 15_000;
    /** What a client needs before it can authenticate: liveness, and how to sign in. */
    private static final Set<String> PUBLIC_PATHS = Set.of(HealthRoutes.PATH, SignInConfigRoutes.PATH);
    /** Routes that check an API key themselves (and rate limit per key), instead of a Clerk or internal caller. */
    private static final Set<String> API_KEY_PATHS = Set.of(Insights.TRACK_PATH);

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
            if (config.footprint() == BackendConfig.Footprint.DESKTOP) {
                javalin.jetty.threadPool = desktopThreadPool();
            }
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
                    loggedPath(ctx.path()), ctx.statusCode(), Math.round(ms), TraceIds.of(ctx)));

            javalin.routes.before(ctx -> {
                TraceIds.assign(ctx);
                headers.apply(ctx);
                checkDeclaredSize(ctx, config.maxBodyBytes());
                if (cors.apply(ctx)) {
                    ctx.skipRemainingHandlers();
                    return;
                }
                if (HandlerType.POST.equals(ctx.method()) && API_KEY_PATHS.contains(ctx.path())) {
                    return; // the route authenticates its API key (Insights' track); other methods stay gated
                }
                if (isProtected(ctx)) {
                    gate.requireCaller(ctx);
                } else if (!HealthRoutes.PATH.equals(ctx.path()) || !HealthRoutes.wantsDetail(ctx)) {
                    gate.limitAnonymous(ctx);
                }
            });
            javalin.routes.after(ctx -> TraceIds.clear());
            ErrorEnvelope.install(javalin);
            features.forEach(feature -> feature.register(javalin.routes));
        });
    }

    /**
     * One person's app calls this service: a few threads do, where Javalin's default keeps 8 and grows to 250. Each
     * idle thread is ~100 kB of stack and bookkeeping that an idle desktop app carries for nothing.
     */
    private static QueuedThreadPool desktopThreadPool() {
        // Jetty sizes its queues' padding from the JVM's compressed-oops flag, which it reads through JMX: that
        // starts the platform MBean server (~150 classes) in the app. Compressed oops are on below 32 GB of heap.
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
        QueuedThreadPool pool = new QueuedThreadPool(DESKTOP_MAX_THREADS, DESKTOP_MIN_THREADS,
                DESKTOP_THREAD_IDLE_MS);
        pool.setName("JettyServerThreadPool");
        return pool;
    }

    /** The path as logged: an unsubscribe link's token is a credential, so it stays out of the log. */
    static String loggedPath(String path) {
        return path.startsWith(UnsubscribeRoutes.PREFIX) ? UnsubscribeRoutes.PREFIX + "(token)" : path;
    }

    private static boolean isProtected(Context ctx) {
        // One-click unsubscribe is reached from a mail by anyone holding its link: the token is the credential.
        return ctx.path().startsWith("/api/") && !PUBLIC_PATHS.contains(ctx.path())
                && !ctx.path().startsWith(UnsubscribeRoutes.PREFIX);
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
