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
    private final int proxyHops;

    /** @param proxyHops how many proxies in front append to X-Forwarded-For (TRUST_PROXY); 0 trusts none */
    public AuthGate(Authenticator authenticator, RateLimiter limiter, int proxyHops) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.proxyHops = proxyHops;
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

    /**
     * The client's address for per-IP limits. Each trusted proxy appends the address it received from, so the entry
     * {@code proxyHops} from the right is what the outermost trusted proxy saw; everything left of it a client may
     * have written itself (hardening finding 7: the leftmost entry let a client pick a new address per request).
     */
    private String clientIp(Context ctx) {
        return clientIp(ctx.header("X-Forwarded-For"), ctx.ip(), proxyHops);
    }

    static String clientIp(String forwardedFor, String peer, int hops) {
        if (hops <= 0 || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] chain = forwardedFor.split(",");
        int index = chain.length - hops;
        // A chain shorter than the proxies in front did not come through all of them: only the peer is known.
        return index < 0 || chain[index].isBlank() ? peer : chain[index].strip();
    }
}
