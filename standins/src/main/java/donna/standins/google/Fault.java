package donna.standins.google;

import java.time.Duration;

/**
 * A scripted failure of one Gmail call.
 *
 * @param status     the HTTP status answered
 * @param reason     Google's error reason ({@code rateLimitExceeded}, {@code userRateLimitExceeded}, ...)
 * @param retryAfter the Retry-After sent, or null for none
 * @param dropAnswer the call succeeds at the fake (a send is stored and counted) but the connection drops
 *                   before the answer: what a client sees when Gmail accepted and the network or the caller died
 */
public record Fault(int status, String reason, Duration retryAfter, boolean dropAnswer) {

    /** 429 {@code rateLimitExceeded} with Retry-After. */
    public static Fault rateLimited(Duration retryAfter) {
        return new Fault(429, "rateLimitExceeded", retryAfter, false);
    }

    /** 403 {@code userRateLimitExceeded} with Retry-After, Gmail's other way of saying "slow down". */
    public static Fault userRateLimited(Duration retryAfter) {
        return new Fault(403, "userRateLimitExceeded", retryAfter, false);
    }

    /** The call takes effect (a send is stored and counted), then the connection drops unanswered. */
    public static Fault dropAnswerAfterAccept() {
        return new Fault(0, null, null, true);
    }

    /** An error status with Google's usual reason for it (429 and 403 as rate limits, with a 1 s Retry-After). */
    public static Fault status(int status) {
        return switch (status) {
            case 429 -> rateLimited(Duration.ofSeconds(1));
            case 403 -> userRateLimited(Duration.ofSeconds(1));
            case 400 -> new Fault(400, "invalidArgument", null, false);
            case 401 -> new Fault(401, "authError", null, false);
            case 404 -> new Fault(404, "notFound", null, false);
            default -> new Fault(status, status >= 500 ? "backendError" : "failedPrecondition", null, false);
        };
    }
}
