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
 */
public final class WebhookPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookPoller.class);

    private final WebhookWorker worker;
    private final ScheduledExecutorService executor;

    private WebhookPoller(WebhookWorker worker, ScheduledExecutorService executor) {
        this.worker = worker;
        this.executor = executor;
    }

    /** Starts polling every {@code every}; a zero interval starts nothing (another instance delivers). */
    public static WebhookPoller start(WebhookWorker worker, Duration every) {
        if (every.isZero() || every.isNegative()) {
            return new WebhookPoller(worker, null);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-deliveries");
            t.setDaemon(true);
            return t;
        });
        WebhookPoller poller = new WebhookPoller(worker, executor);
        executor.scheduleWithFixedDelay(poller::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return poller;
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
    public void close() {
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
