package donna.backend.insights;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due jobs of the queue on this instance: on one background thread, woken at once after an ingestion here and
 * otherwise polling (jobs queued by another instance, retries, idle checks). {@link #runDue()} is also the explicit
 * "run due jobs now" hook tests drive the pipeline with.
 */
final class PipelineWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineWorker.class);
    private static final int BATCH = 20;

    private final JobQueue queue;
    private final ConversationScoring scoring;
    private final Clock clock;
    private final String name;
    private final Runnable tick;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private ScheduledExecutorService thread;
    private volatile PatternSchedule schedule;
    private ExecutorService patternThread;
    private final AtomicBoolean patternRunning = new AtomicBoolean();

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
            for (JobQueue.Job job : jobs) {
                try {
                    scoring.run(job, clock.instant());
                    queue.complete(job);
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

    synchronized void start(Duration poll) {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "insights-" + name);
            t.setDaemon(true);
            return t;
        });
        patternThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "insights-patterns-" + name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::pass, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the background thread for a pass now; several wakes before it runs make one pass. */
    void wake() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && wakePending.compareAndSet(false, true)) {
            try {
                t.execute(this::pass);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false); // closing
            }
        }
    }

    private void pass() {
        wakePending.set(false);
        try {
            runJobs();
            tick.run();
        } catch (RuntimeException e) {
            // The database away for a moment: the next poll tries again.
            log.warn("Insights pipeline pass failed: {}", e.getClass().getSimpleName());
        }
        startPatternsIfDue();
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
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        if (patternThread != null) {
            patternThread.shutdownNow(); // an analysis cut short keeps its lease; the next run takes over after it
            patternThread = null;
        }
    }
}
