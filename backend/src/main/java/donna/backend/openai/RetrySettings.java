package donna.backend.openai;

import java.time.Duration;

/**
 * How failed OpenAI calls are repeated: exponential backoff with jitter, a bounded number of attempts, and the
 * server's Retry-After honoured up to a cap. The whole call, retries included, stays within the configured timeout.
 *
 * @param maxAttempts   attempts in all (1 = no retry)
 * @param initialDelay  delay before the first retry; doubles each time
 * @param maxDelay      no delay is longer
 * @param jitter        random spread of each delay, as a fraction (0.2 = plus or minus 20 %)
 * @param maxRetryAfter a longer Retry-After is cut to this
 */
public record RetrySettings(int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter,
        Duration maxRetryAfter) {
    public RetrySettings {
        if (maxAttempts < 1 || initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || jitter < 0
                || jitter >= 1 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("invalid retry settings");
        }
    }

    public static RetrySettings defaults() {
        return new RetrySettings(3, Duration.ofMillis(500), Duration.ofSeconds(8), 0.2, Duration.ofSeconds(10));
    }

    /** Tiny delays for tests: the same policy, in milliseconds. */
    public static RetrySettings fast(int maxAttempts) {
        return new RetrySettings(maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5), 0.2, Duration.ofMillis(5));
    }
}
