package donna.backend.auth;

import donna.backend.http.ApiException;
import donna.backend.ratelimit.RateLimiter;
import io.javalin.http.Context;

/**
 * Runs before every protected route: authenticates the caller and spends one token of their rate limit. A failed
 * authentication spends a token of the caller's IP, so guessing tokens is rate limited too.
 */
public final class AuthGate {
    private static final String CALLER = "donna.caller";

    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final boolean trustProxy;

    public AuthGate(Authenticator authenticator, RateLimiter limiter, boolean trustProxy) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.trustProxy = trustProxy;
    }

    public Caller requireCaller(Context ctx) {
        Caller caller;
        try {
            caller = authenticator.authenticate(ctx.header("Authorization"), ctx.header(Authenticator.ACT_AS_HEADER));
        } catch (ApiException e) {
            if (e.status() == 401) {
                limitAnonymous(ctx);
            }
            throw e;
        }
        limiter.acquire(caller.rateLimitKey());
        ctx.attribute(CALLER, caller);
        return caller;
    }

    public void limitAnonymous(Context ctx) {
        limiter.acquire("ip:" + clientIp(ctx));
    }

    /** The caller a protected route was let in with. */
    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("route " + ctx.path() + " is not behind the auth gate");
        }
        return caller;
    }

    private String clientIp(Context ctx) {
        if (trustProxy) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].trim();
            }
        }
        return ctx.ip();
    }
}
