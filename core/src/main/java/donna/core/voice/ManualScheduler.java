package donna.core.voice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A {@link VoiceScheduler} driven by hand, for tests: tasks wait until {@link #runPending()}, timers fire when
 * {@link #advance} moves time past them. Thread-safe, so transport threads may submit; only the caller runs tasks.
 */
public final class ManualScheduler implements VoiceScheduler {
    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private Instant now;
    private long sequence;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void execute(Runnable task) {
        ready.addLast(task);
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
        timers.add(timer);
        return () -> {
            synchronized (this) {
                timers.remove(timer);
            }
        };
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    /** Runs every ready task, including those the tasks submit, until none is left. */
    public void runPending() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = ready.pollFirst();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    /** Moves time forward by {@code step}, firing due timers in order (each followed by the tasks it caused). */
    public void advance(Duration step) {
        Instant target;
        synchronized (this) {
            target = now.plus(step);
        }
        runPending();
        while (true) {
            Timer due;
            synchronized (this) {
                due = timers.stream().filter(t -> !t.at.isAfter(target))
                        .min(Comparator.comparing((Timer t) -> t.at).thenComparingLong(t -> t.sequence)).orElse(null);
                if (due == null) {
                    now = target;
                    break;
                }
                timers.remove(due);
                now = due.at;
            }
            due.task.run();
            runPending();
        }
        runPending();
    }

    /** Timers not yet fired. */
    public synchronized int pendingTimers() {
        return timers.size();
    }

    private record Timer(Instant at, long sequence, Runnable task) {}
}
