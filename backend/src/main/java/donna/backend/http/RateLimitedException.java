package donna.backend.http;

/** 429 with the seconds after which a retry will be let through (sent as Retry-After). */
public final class RateLimitedException extends ApiException {
    public RateLimitedException(long retryAfterSeconds) {
        super(429, "rate_limited", "Too many requests; retry in " + retryAfterSeconds + " s");
        retryAfter(retryAfterSeconds);
    }
}
