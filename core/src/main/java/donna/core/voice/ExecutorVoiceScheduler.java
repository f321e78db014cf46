package donna.core.voice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production {@link VoiceScheduler}: one daemon thread, the system clock. */
public final class ExecutorVoiceScheduler implements VoiceScheduler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExecutorVoiceScheduler.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("donna-voice").factory());
    private final Clock clock;

    public ExecutorVoiceScheduler() {
        this(Clock.systemUTC());
    }

    public ExecutorVoiceScheduler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(guarded(task));
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (executor.isShutdown()) {
            return () -> { };
        }
        var future = executor.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** A task that throws must not kill the session's only thread. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Voice session task failed", e);
            }
        };
    }
}
