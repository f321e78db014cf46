package donna.app.voice;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a deadline (checked every few milliseconds), failing with what was awaited and where
 * the voice threads stood then (a wait that times out on a loaded machine says whether something was stuck).
 */
final class Awaits {
    private Awaits() {}

    static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "\n" + voiceThreads());
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    /** The stacks of the threads voice work runs on (the session's scheduler, transports, audio, the batch turn). */
    private static String voiceThreads() {
        StringBuilder out = new StringBuilder("voice threads:\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            String name = e.getKey().getName().toLowerCase(java.util.Locale.ROOT);
            if (name.contains("voice") || name.contains("batch") || name.contains("audio") || name.contains("donna")
                    || name.contains("okhttp") || name.contains("scheduler")) {
                out.append("  ").append(e.getKey().getName()).append(" ").append(e.getKey().getState()).append('\n');
                StackTraceElement[] stack = e.getValue();
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    out.append("    at ").append(stack[i]).append('\n');
                }
            }
        }
        return out.toString();
    }
}
