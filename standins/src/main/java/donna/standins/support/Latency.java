package donna.standins.support;

import java.time.Duration;

/** Scripted latency of the fakes: they simulate slow services by waiting on their own handler threads. */
public final class Latency {
    private Latency() {}

    /** Waits {@code latency} (nothing for zero or negative); false when interrupted (the fake is closing). */
    public static boolean pause(Duration latency) {
        if (latency.isZero() || latency.isNegative()) {
            return true;
        }
        try {
            Thread.sleep(latency);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
