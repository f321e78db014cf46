package donna.core.voice.live;

import donna.core.voice.VoiceMeter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one metered voice session that a transport opened itself (a Live session, or the Realtime secret minted
 * when Live was refused): a heartbeat every {@link VoiceMeter#INTERVAL} while connected, the end once. The reports
 * are blocking calls to the service, so they run on a daemon thread, never the caller's.
 */
final class MeteredSession {
    private static final Logger log = LoggerFactory.getLogger(MeteredSession.class);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("donna-live-meter").factory());

    private final VoiceMeter meter;
    private final String sessionId;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final ScheduledFuture<?> beats;

    private MeteredSession(VoiceMeter meter, String sessionId) {
        this.meter = meter;
        this.sessionId = sessionId;
        long every = VoiceMeter.INTERVAL.toMillis();
        this.beats = TIMER.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Starts reporting {@code sessionId}; null (the service meters none) reports nothing. */
    static MeteredSession start(VoiceMeter meter, String sessionId) {
        return sessionId == null ? null : new MeteredSession(meter, sessionId);
    }

    void end() {
        if (ended.compareAndSet(false, true)) {
            beats.cancel(false);
            TIMER.execute(() -> {
                try {
                    meter.end(sessionId);
                } catch (RuntimeException e) {
                    log.info("Could not report the end of voice session {}: {}", sessionId, e.getMessage());
                }
            });
        }
    }

    private void beat() {
        try {
            meter.heartbeat(sessionId);
        } catch (RuntimeException e) {
            log.info("Voice heartbeat for {} failed: {}", sessionId, e.getMessage());
        }
    }
}
