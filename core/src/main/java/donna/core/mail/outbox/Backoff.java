package donna.core.mail.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long the outbox waits after failures that may pass: {@code initial}, doubling with each failure in a row, at
 * most {@code max}; each wait is drawn between half of that and all of it ("equal jitter"), so an app that comes back
 * after an outage does not retry in lockstep with itself.
 *
 * @param random a number in [0, 1) per draw; tests pass a fixed one
 */
public record Backoff(Duration initial, Duration max, DoubleSupplier random) {

    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait after the {@code failures}-th failure in a row (counting from 1). */
    public Duration after(int failures) {
        Duration ceiling = initial.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 30));
        if (ceiling.compareTo(max) > 0 || ceiling.isNegative()) {
            ceiling = max;
        }
        long half = ceiling.toMillis() / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling.toMillis() - half)));
    }
}
