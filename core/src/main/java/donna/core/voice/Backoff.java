package donna.core.voice;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter: attempt n waits base * 2^(n-1), capped, times a random 50..100 %. */
final class Backoff {
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** The wait before attempt {@code attempt} (1-based). */
    Duration delay(int attempt) {
        long capped = Math.min(max.toMillis(), base.toMillis() << Math.min(30, attempt - 1));
        // Jitter spreads reconnects of many clients after one outage instead of a thundering herd.
        return Duration.ofMillis(Math.round(capped * (0.5 + 0.5 * random.getAsDouble())));
    }
}
