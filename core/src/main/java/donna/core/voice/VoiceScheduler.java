package donna.core.voice;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a {@link VoiceSession} runs: one task at a time, in order (so the session needs no locks), plus timers and
 * the time. Production uses {@link ExecutorVoiceScheduler}; tests use {@link ManualScheduler}, which runs nothing
 * until told and moves time by hand, so no test sleeps.
 */
public interface VoiceScheduler {
    /** Runs {@code task} soon, after every task submitted before it. */
    void execute(Runnable task);

    /** Runs {@code task} after {@code delay}, in the same order as {@link #execute}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** The time the session reasons with (press lengths, secret expiry). */
    Instant now();

    /** A scheduled task that may still be stopped. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
