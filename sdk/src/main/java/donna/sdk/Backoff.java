package donna.sdk;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * When to try again: exponential backoff with "equal jitter" (half the step fixed, half random, so the waits keep
 * growing yet senders that failed together do not retry together), never sooner than the service's Retry-After.
 */
record Backoff(int maxAttempts, Duration initial, Duration max, Duration maxRetryAfter, RandomGenerator random) {

    /**
     * @param attempt    the attempt that just failed, from 1
     * @param retryAfter what the service asked for, if anything
     * @return the wait before the next attempt, or empty when there is none (attempts used up, or a Retry-After
     *         beyond {@link #maxRetryAfter})
     */
    Optional<Duration> next(int attempt, Optional<Duration> retryAfter) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(maxRetryAfter) > 0) {
            return Optional.empty();
        }
        long step = initial.toMillis() << Math.min(attempt - 1, 30);
        step = Math.min(step < 0 ? Long.MAX_VALUE : step, max.toMillis());
        RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
        long half = step / 2;
        Duration wait = Duration.ofMillis(half + (step - half == 0 ? 0 : r.nextLong(step - half + 1)));
        return Optional.of(retryAfter.filter(ra -> ra.compareTo(wait) > 0).orElse(wait));
    }
}
