package donna.backend.insights;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due jobs of the queue on this instance: on {@code threads} background threads, woken at once after an
 * ingestion here and otherwise polling (jobs queued by another instance, retries, idle checks). {@link #runDue()} is
 * also the explicit "run due jobs now" hook tests drive the pipeline with.
 *
 * <p>A wake starts one idle thread; a thread that claims a full batch wakes another, so a backlog is worked by every
 * thread while a trickle keeps one busy. Each job still runs once: the threads claim from the queue like any other
 * instance's worker ({@code FOR UPDATE SKIP LOCKED}).
 */
final class PipelineWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineWorker.class);
    /** Small, so a backlog spreads over the threads (and instances) instead of queueing behind one. */
    private static final int BATCH = 5;

    private final JobQueue queue;
    private final ConversationScoring scoring;
    private final Clock clock;
    private final String name;
    private final Runnable tick;
    private List<Lane> lanes = List.of();
    private final AtomicInteger nextLane = new AtomicInteger();
    private volatile PatternSchedule schedule;
    private ExecutorService patternThread;
    private final AtomicBoolean patternRunning = new AtomicBoolean();

    /** One background thread and whether a pass is already queued on it. */
    private record Lane(int index, ScheduledExecutorService thread, AtomicBoolean wakePending) {}

    /** @param tick run after every pass (API keys' last-used times are flushed there) */
    PipelineWorker(JobQueue queue, ConversationScoring scoring, Clock clock, String name, Runnable tick) {
        this.queue = queue;
        this.scoring = scoring;
        this.clock = clock;
        this.name = name;
        this.tick = tick;
    }

    /** The weekly pattern-analyze, looked at on each pass (null: none). */
    void schedule(PatternSchedule patterns) {
        this.schedule = patterns;
    }

    /**
     * Runs the weekly pattern-analyze if due (and this worker wins it), then every job due now (claiming them in
     * batches) until none is left; returns how many jobs ran.
     */
    int runDue() {
        PatternSchedule patterns = schedule;
        if (patterns != null) {
            patterns.runIfDue(name, clock.instant()); // not counted: the count is of conversation jobs
        }
        return runJobs();
    }

    private int runJobs() {
        int ran = 0;
        while (true) {
            List<JobQueue.Job> jobs = queue.claim(name, clock.instant(), BATCH);
            if (jobs.isEmpty()) {
                return ran;
            }
            if (jobs.size() == BATCH) {
                wake(); // more may be waiting: another thread shares them
            }
            for (JobQueue.Job job : jobs) {
                try {
                    scoring.run(job, clock.instant());
                    if (!ConversationScoring.completesItself(job.kind())) {
                        queue.complete(job);
                    }
                } catch (RuntimeException e) {
                    // The class and message only: a conversation's text must not reach the log.
                    log.warn("Insights job {} for conversation {} failed (attempt {}): {}", job.kind(),
                            job.conversationId(), job.attempts(), e.getClass().getSimpleName());
                    queue.fail(job, e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant());
                }
                ran++;
            }
        }
    }

    /** Starts {@code threads} background threads, each also polling every {@code poll}. */
    synchronized void start(Duration poll, int threads) {
        if (!lanes.isEmpty()) {
            return;
        }
        List<Lane> started = new ArrayList<>();
        for (int i = 0; i < Math.max(1, threads); i++) {
            String threadName = "insights-" + name + (i == 0 ? "" : "-" + i);
            Lane lane = new Lane(i, Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            }), new AtomicBoolean());
            // Polls spread over the period, so an instance looks at the queue more often, not all threads at once.
            long offset = poll.toMillis() * (i + 1) / Math.max(1, threads);
            lane.thread().scheduleWithFixedDelay(() -> pass(lane), offset, poll.toMillis(), TimeUnit.MILLISECONDS);
            started.add(lane);
        }
        lanes = List.copyOf(started);
        patternThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "insights-patterns-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks one background thread without a pass queued for a pass now; several wakes before it runs make one. */
    void wake() {
        List<Lane> current;
        synchronized (this) {
            current = lanes;
        }
        for (int i = 0; i < current.size(); i++) {
            Lane lane = current.get(Math.floorMod(nextLane.getAndIncrement(), current.size()));
            if (lane.wakePending().compareAndSet(false, true)) {
                try {
                    lane.thread().execute(() -> pass(lane));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    lane.wakePending().set(false); // closing
                }
                return;
            }
        }
    }

    private void pass(Lane lane) {
        lane.wakePending().set(false);
        try {
            runJobs();
            if (lane.index() == 0) {
                tick.run();
            }
        } catch (RuntimeException e) {
            // The database away for a moment: the next poll tries again.
            log.warn("Insights pipeline pass failed: {}", e.getClass().getSimpleName());
        }
        if (lane.index() == 0) {
            startPatternsIfDue();
        }
    }

    /**
     * The weekly pattern-analyze on a thread of its own, so a long analysis never holds up scoring; at most one at a
     * time per instance (and one across instances: {@link PatternSchedule}).
     */
    private void startPatternsIfDue() {
        PatternSchedule patterns = schedule;
        ExecutorService t;
        synchronized (this) {
            t = patternThread;
        }
        if (patterns == null || t == null || !patternRunning.compareAndSet(false, true)) {
            return;
        }
        try {
            t.execute(() -> {
                try {
                    patterns.runIfDue(name, clock.instant());
                } catch (RuntimeException e) {
                    log.warn("pattern-analyze could not be looked at: {}", e.getClass().getSimpleName());
                } finally {
                    patternRunning.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            patternRunning.set(false); // closing
        }
    }

    @Override
    public synchronized void close() {
        for (Lane lane : lanes) {
            lane.thread().shutdownNow();
        }
        for (Lane lane : lanes) {
            try {
                lane.thread().awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lanes = List.of();
        if (patternThread != null) {
            patternThread.shutdownNow(); // an analysis cut short keeps its lease; the next run takes over after it
            patternThread = null;
        }
    }
}
