package donna.backend.relay;

import donna.backend.auth.Authenticator;
import donna.backend.auth.Caller;
import donna.backend.chat.Profile;
import donna.backend.config.BackendConfig;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import donna.backend.ratelimit.RateLimiter;
import donna.backend.realtime.RealtimeTokens;
import donna.backend.realtime.VoiceBudget;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/realtime/ws} (ENABLE_WS_PROXY, off by default): for networks where the app cannot reach OpenAI,
 * the service carries the Realtime WebSocket itself, connecting with its own key. The app authenticates as on every
 * route (a Clerk token, or the internal secret acting for a user) in the upgrade's {@code Authorization} header; a
 * missing or bad credential closes the socket with 1008. A foreign Origin is refused before the upgrade (403). Each
 * connection spends the mints' rate limit, takes a place under this instance's caps and is a voice session under the
 * user's budget; it is closed when idle or too old. Browsers cannot set the header, and the app is no browser.
 */
public final class RealtimeRelay implements RouteGroup {
    public static final String PATH = "/api/realtime/ws";
    private static final Logger log = LoggerFactory.getLogger(RealtimeRelay.class);
    /** An append of 100 ms of audio is ~13 kB; a session.update with every tool a few more. */
    private static final long MAX_APP_FRAME = 1L << 20;
    private static final Duration TICK = Duration.ofSeconds(1);

    private final BackendConfig.Relay settings;
    private final Set<String> allowedOrigins;
    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final VoiceBudget budget;
    private final RealtimeTokens sessions;
    private final Function<WebSocketListener, WebSocket> openAi;
    private final RelayCaps caps;
    private final Map<String, Relayed> open = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timers;

    private record Relayed(RelaySession session, ScheduledFuture<?> tick) {}

    /**
     * @param limiter the voice mints' limit: a relayed connection is the relay's kind of mint
     * @param openAi  opens OpenAI's Realtime WebSocket with the service's key
     */
    public RealtimeRelay(BackendConfig.Relay settings, List<String> allowedOrigins, Authenticator authenticator,
            RateLimiter limiter, VoiceBudget budget, RealtimeTokens sessions,
            Function<WebSocketListener, WebSocket> openAi) {
        this.settings = settings;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.budget = budget;
        this.sessions = sessions;
        this.openAi = openAi;
        this.caps = new RelayCaps(settings.maxConnections(), settings.maxPerUser());
        this.timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("relay-timer").factory());
        // No thread while nothing is relayed (the desktop's bundled service seldom relays).
        timers.setKeepAliveTime(30, TimeUnit.SECONDS);
        timers.allowCoreThreadTimeOut(true);
        timers.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void register(RoutesConfig routes) {
        if (!settings.enabled()) {
            return; // off: the path is unknown (404), as any other
        }
        routes.wsBeforeUpgrade(PATH, ctx -> {
            String origin = ctx.header("Origin");
            if (origin != null && !allowedOrigins.contains(origin)) {
                throw new ApiException(403, "origin_forbidden", "Origin not allowed");
            }
        });
        routes.ws(PATH, ws -> {
            ws.onConnect(this::connect);
            ws.onMessage(ctx -> session(ctx).ifPresent(s -> s.fromApp(ctx.message())));
            ws.onBinaryMessage(ctx -> session(ctx).ifPresentOrElse(
                    s -> s.end(RelaySession.UNSUPPORTED, "Realtime events are text frames"),
                    () -> ctx.closeSession(RelaySession.UNSUPPORTED, "Realtime events are text frames")));
            ws.onClose(ctx -> session(ctx).ifPresent(s -> s.appClosed(ctx.status())));
            ws.onError(ctx -> session(ctx).ifPresent(s -> s.appClosed(RelaySession.SERVER_ERROR)));
        });
    }

    /** Connections relayed now on this instance. */
    public int openConnections() {
        return caps.total();
    }

    private Optional<RelaySession> session(WsContext ctx) {
        return Optional.ofNullable(open.get(ctx.sessionId())).map(Relayed::session);
    }

    private void connect(WsConnectContext ctx) {
        ctx.session.setMaxTextMessageSize(MAX_APP_FRAME);
        // The relay's own clock closes idle connections; Jetty's must not beat it.
        ctx.session.setIdleTimeout(settings.maxDuration().plusMinutes(1));
        User user;
        Caller caller;
        try {
            caller = authenticator.authenticate(ctx.header("Authorization"),
                    ctx.header(Authenticator.ACT_AS_HEADER));
            Optional<User> acting = caller.user();
            if (acting.isEmpty()) {
                refuse(ctx, RelaySession.POLICY, "A relayed voice session must be a user's");
                return;
            }
            user = acting.get();
            limiter.acquire(caller.rateLimitKey());
        } catch (ApiException e) {
            refuse(ctx, closeCode(e), e.status() == 401 ? "Sign in again (missing or invalid token)"
                    : e.getMessage());
            return;
        }
        Profile profile;
        try {
            profile = Profile.parse(ctx.queryParam("profile"));
        } catch (ApiException e) {
            refuse(ctx, RelaySession.POLICY, e.getMessage());
            return;
        }
        if (!caps.tryAcquire(user.id())) {
            refuse(ctx, RelaySession.TRY_LATER, "Too many relayed voice sessions; end one or try again shortly");
            return;
        }
        VoiceBudget.Opened metered;
        try {
            metered = budget.open(user.id(), Optional.empty());
        } catch (ApiException e) {
            caps.release(user.id());
            refuse(ctx, closeCode(e), e.getMessage());
            return;
        }
        RelaySession session = new RelaySession(ctx.session, user.id(), metered.id(), this::ended);
        long tick = TICK.toMillis();
        ScheduledFuture<?> ticking = timers.scheduleAtFixedRate(() -> tick(session), tick, tick,
                TimeUnit.MILLISECONDS);
        open.put(ctx.sessionId(), new Relayed(session, ticking));
        try {
            session.open(openAi, sessions.sessionFor(caller, profile));
        } catch (RuntimeException e) {
            log.error("relay: cannot open the voice service's socket", e);
            session.end(RelaySession.SERVER_ERROR, "The voice service is unavailable");
        }
    }

    /** Each second: closes what is idle or too old, and tells the budget the session is alive. */
    private void tick(RelaySession session) {
        long now = System.nanoTime();
        if (session.ageNanos(now) >= settings.maxDuration().toNanos()) {
            session.end(RelaySession.NORMAL, "Session time limit reached; reconnect to go on");
        } else if (session.idleNanos(now) >= settings.idleTimeout().toNanos()) {
            session.end(RelaySession.NORMAL, "Closed after " + settings.idleTimeout().toSeconds() + " s without "
                    + "a frame from the app");
        } else if (session.heartbeatDue(now, VoiceBudget.HEARTBEAT.toNanos())) {
            try {
                budget.heartbeat(session.user(), session.meteredId());
            } catch (RuntimeException e) {
                log.warn("relay: voice session heartbeat failed: {}", e.getMessage());
            }
        }
    }

    private void ended(RelaySession session) {
        open.values().removeIf(r -> {
            if (r.session() == session) {
                r.tick().cancel(false);
                return true;
            }
            return false;
        });
        caps.release(session.user());
        try {
            budget.end(session.user(), session.meteredId());
        } catch (RuntimeException e) {
            log.warn("relay: could not end voice session {}: {}", session.meteredId(), e.getMessage());
        }
    }

    /** 1008 for who the caller is or what they asked; 1013 for "not now" (limits, a database that is down). */
    private static int closeCode(ApiException e) {
        return e.status() == 429 || e.status() >= 500 ? RelaySession.TRY_LATER : RelaySession.POLICY;
    }

    private static void refuse(WsConnectContext ctx, int code, String why) {
        log.info("relay: refused a connection ({} {})", code, why);
        ctx.session.close(code, why.length() > 120 ? why.substring(0, 120) : why, Callback.NOOP);
    }
}
