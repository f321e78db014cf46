package donna.backend.campaigns;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this instance's {@link CampaignSender}, then the {@link ScheduledReplies} whose turn it is, every poll
 * interval on one daemon thread, started by the first campaign that runs (or at once when one already runs or is
 * still in its reply window): an app without campaigns carries no thread. Every instance may poll; the claims keep
 * each recipient, and each reply check, to one of them.
 */
final class CampaignPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CampaignPoller.class);

    private final CampaignSender sender;
    private final ScheduledReplies replies;
    private final Duration every;
    private ScheduledExecutorService executor;
    private boolean closed;

    /** @param every the time between runs; zero means this instance never sends campaigns (another one does) */
    CampaignPoller(CampaignSender sender, ScheduledReplies replies, Duration every) {
        this.sender = sender;
        this.replies = replies;
        this.every = every;
    }

    synchronized void start() {
        if (executor != null || closed || every.isZero() || every.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "campaign-sender");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            sender.runDue();
        } catch (RuntimeException e) {
            log.warn("Campaign sending not run: {}", e.toString()); // a database outage: the next poll retries
        }
        try {
            replies.runDue();
        } catch (RuntimeException e) {
            log.warn("Campaign replies not checked: {}", e.toString());
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
    }
}
