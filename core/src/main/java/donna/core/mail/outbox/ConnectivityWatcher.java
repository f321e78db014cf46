package donna.core.mail.outbox;

import donna.core.api.BackendClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices the service ({@code GET /api/health}) and Gmail ({@code GET /api/gmail/status}) coming back and flushes
 * the outbox then; in between it flushes whenever mail is waiting and the flusher's backoff has run out. Each
 * {@link #tick()} is one look; {@link #start} ticks on a timer (tests call {@link #tick()} themselves).
 */
public final class ConnectivityWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectivityWatcher.class);

    /** What one look found. Mail can go out only when both are true. */
    public record Connectivity(boolean serviceUp, boolean gmailConnected) {
        public static final Connectivity UNKNOWN = new Connectivity(false, false);

        public boolean ready() {
            return serviceUp && gmailConnected;
        }
    }

    /** One look at the service and the Gmail link; may throw when the service is unreachable (= not up). */
    @FunctionalInterface
    public interface Probe {
        Connectivity check();

        /** {@code GET /api/health}, then (when it is up) {@code GET /api/gmail/status}, through the app's client. */
        static Probe of(Supplier<BackendClient> client) {
            return () -> {
                BackendClient c = client.get();
                if (!c.health().ok()) {
                    return new Connectivity(false, false);
                }
                return new Connectivity(true, c.gmailStatus().connected());
            };
        }
    }

    private final Probe probe;
    private final OutboxFlusher flusher;
    private final Outbox outbox;
    private final Clock clock;
    private final List<Consumer<Connectivity>> listeners = new CopyOnWriteArrayList<>();
    private final Object timerLock = new Object();
    private volatile Connectivity last = Connectivity.UNKNOWN;
    private ScheduledExecutorService timer;

    public ConnectivityWatcher(Probe probe, OutboxFlusher flusher, Outbox outbox, Clock clock) {
        this.probe = probe;
        this.flusher = flusher;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Told when what a look finds differs from the look before (from the watcher's thread). */
    public void addListener(Consumer<Connectivity> listener) {
        listeners.add(listener);
    }

    public Connectivity current() {
        return last;
    }

    /** One look; flushes when the link just came back, or when mail waits and its backoff is over. */
    public synchronized void tick() {
        Connectivity now = look();
        boolean cameBack = now.ready() && !last.ready();
        if (!now.equals(last)) {
            Connectivity changed = now;
            listeners.forEach(l -> l.accept(changed));
        }
        last = now;
        if (!now.ready()) {
            return;
        }
        if (cameBack) {
            log.info("Outbox: the service and Gmail are reachable; flushing");
            flusher.resetBackoff();
        }
        if ((cameBack || flusher.due(clock.instant())) && outbox.hasPending()) {
            flusher.flush();
        }
    }

    /** Something was just queued: send it now when the link is up, without waiting for a backoff. */
    public synchronized void flushNow() {
        flusher.resetBackoff();
        tick();
    }

    /** Ticks every {@code every} on a daemon thread of its own, the first time right away. */
    public void start(Duration every) {
        synchronized (timerLock) {
            if (timer != null) {
                return;
            }
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("donna-outbox").daemon()
                    .factory());
            timer.scheduleWithFixedDelay(() -> {
                try {
                    tick();
                } catch (RuntimeException e) {
                    log.warn("Outbox: a connectivity check failed", e);
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the timer (without waiting for a flush in progress: its mail stays safe in the outbox). */
    @Override
    public void close() {
        synchronized (timerLock) {
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
            }
        }
    }

    private Connectivity look() {
        try {
            return probe.check();
        } catch (RuntimeException e) {
            log.debug("Outbox: service not reachable ({})", e.toString());
            return Connectivity.UNKNOWN;
        }
    }
}
