package donna.backend.webhooks;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this instance's {@link WebhookWorker} every poll interval on one daemon thread. No cluster-wide lock is
 * needed (the worker's claims are): every instance may poll, each delivery still goes out once.
 *
 * <p>Started by {@link #start()}, not here: the desktop's service starts it once its person has a webhook, so an
 * app without one carries no thread and no poll of the database every few seconds.
 */
public final class WebhookPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookPoller.class);

    private final WebhookWorker worker;
    private final Duration every;
    private ScheduledExecutorService executor;
    private boolean closed;

    /** @param every the time between runs; zero means this instance never delivers (another one does) */
    public WebhookPoller(WebhookWorker worker, Duration every) {
        this.worker = worker;
        this.every = every;
    }

    /** Starts polling; a second call, a closed poller or a zero interval does nothing. */
    public synchronized void start() {
        if (executor != null || closed || every.isZero() || every.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-deliveries");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            worker.runDue();
        } catch (RuntimeException e) {
            // A database outage: the rows wait in the outbox for the next poll.
            log.warn("Webhook deliveries not run: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker.close();
    }
}
