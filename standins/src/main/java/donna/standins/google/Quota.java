package donna.standins.google;

import java.time.Duration;

/**
 * Gmail's per-user quota as a token bucket: {@code units} per {@code window} (15,000 a minute by default), full at
 * the start, refilled continuously. A call that finds too few units is refused and told when enough will be back.
 */
final class Quota {
    private long capacity;
    private long windowNanos;
    private double available;
    private long refilledAt = System.nanoTime();
    private long refused;

    Quota(long units, Duration window) {
        set(units, window);
    }

    synchronized void set(long units, Duration window) {
        if (units < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("quota must be positive");
        }
        this.capacity = units;
        this.windowNanos = window.toNanos();
        this.available = units;
        this.refilledAt = System.nanoTime();
    }

    /** Spends {@code units}, or returns how long until they would be there (nothing is spent then). */
    synchronized Duration spend(int units) {
        if (units == 0) {
            return null;
        }
        long now = System.nanoTime();
        available = Math.min(capacity, available + (now - refilledAt) * (double) capacity / windowNanos);
        refilledAt = now;
        if (available >= units) {
            available -= units;
            return null;
        }
        refused++;
        return Duration.ofNanos((long) Math.ceil((units - available) * windowNanos / capacity));
    }

    synchronized long refused() {
        return refused;
    }
}
