package donna.backend.gmail;

import java.time.Duration;

/** Gmail said "slow down" (429, or 403 rateLimitExceeded / userRateLimitExceeded); retried, then a 429 of ours. */
final class GmailRateLimited extends RuntimeException {
    private final transient Duration retryAfter;

    GmailRateLimited(Duration retryAfter) {
        super("Gmail rate limit", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Gmail's Retry-After, or null when it sent none. */
    Duration retryAfter() {
        return retryAfter;
    }
}
