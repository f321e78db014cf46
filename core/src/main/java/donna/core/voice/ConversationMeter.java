package donna.core.voice;

import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metering of one {@link VoiceSession}'s conversation (issue 15): the app talks to the voice service directly, so
 * the companion service learns how long a metered session lasts only from what this reports through a
 * {@link VoiceMeter}. It exists to keep three rules in one place:
 *
 * <ul>
 *   <li>one metered session per voice conversation: the first connection that opens with one (a secret's
 *       {@code donna_session_id}, or the session GPT-Live's transport opened itself, {@link
 *       RealtimeTransport#meteredSessionId()}) makes it the conversation's, with a heartbeat every
 *       {@link VoiceMeter#INTERVAL} while it lasts;</li>
 *   <li>continued across reconnects: new connections and spare secrets name it ({@link #continuing()}), so the
 *       service keeps charging the same session;</li>
 *   <li>ended once: {@link #end()} reports its end a single time; a session that opens nothing (an unused secret, a
 *       transport's own session for a connection that failed or was replaced) is ended at once, never the
 *       conversation's.</li>
 * </ul>
 *
 * <p>Not thread-safe, on purpose: like the rest of {@link VoiceSession}'s state it is touched on the session's
 * {@link VoiceScheduler} thread only (the session holds no locks); the reports themselves run on {@code io}.
 */
final class ConversationMeter {
    private static final Logger log = LoggerFactory.getLogger(ConversationMeter.class);

    private final VoiceMeter meter;
    private final VoiceScheduler scheduler;
    private final Executor io;

    /** The service's metered session of this conversation (reconnects continue it); null when none. */
    private String metered;
    private VoiceScheduler.Cancellable heartbeatTimer;

    ConversationMeter(VoiceMeter meter, VoiceScheduler scheduler, Executor io) {
        this.meter = meter;
        this.scheduler = scheduler;
        this.io = io;
    }

    /** The metered session a new connection or spare secret continues; null when the conversation has none yet. */
    String continuing() {
        return metered;
    }

    /**
     * A connection opened and now carries the conversation: its metered session (the secret's, or the one the
     * transport opened itself when it needs no secret, as GPT-Live's) is the conversation's; a secret it did not use
     * is over.
     */
    void transportOpened(RealtimeTransport opened, RealtimeToken secret) {
        if (opened.usesClientSecret()) {
            connected(secret.sessionId());
        } else {
            unused(secret); // minted for a transport that fell through to one that needs none
            connected(opened.meteredSessionId()); // GPT-Live's: the service opened it with the connection
        }
    }

    /**
     * A connection opened with a secret of {@code sessionId} (or opened it itself, as GPT-Live's does): that is the
     * conversation's metered session now.
     */
    void connected(String sessionId) {
        if (sessionId == null || sessionId.equals(metered)) {
            return;
        }
        end(); // the service started a new session (the old one was no longer live): the old one is over
        metered = sessionId;
        heartbeatTimer = scheduler.schedule(VoiceMeter.INTERVAL, this::heartbeat);
    }

    /** The conversation is over: its metered session ends (once; nothing when it has none). */
    void end() {
        cancel(heartbeatTimer);
        heartbeatTimer = null;
        String id = metered;
        metered = null;
        if (id != null) {
            io.execute(() -> report(() -> meter.end(id), "end"));
        }
    }

    /** A secret that will open no connection: a session it started is over (costing nothing more). */
    void unused(RealtimeToken token) {
        if (token != null && token.sessionId() != null && !token.sessionId().equals(metered)) {
            String id = token.sessionId();
            io.execute(() -> report(() -> meter.end(id), "end"));
        }
    }

    /**
     * A metered session a transport opened itself for a connection that carries nothing: over, unless it is the one
     * the attempt continued (the conversation's, which ends with it).
     */
    void unused(String sessionId, String continued) {
        if (sessionId != null && !sessionId.equals(continued) && !sessionId.equals(metered)) {
            io.execute(() -> report(() -> meter.end(sessionId), "end"));
        }
    }

    private void heartbeat() {
        String id = metered;
        if (id == null) {
            return;
        }
        io.execute(() -> report(() -> meter.heartbeat(id), "heartbeat"));
        heartbeatTimer = scheduler.schedule(VoiceMeter.INTERVAL, this::heartbeat);
    }

    private static void report(Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // The service charges conservatively for what it does not hear; the conversation goes on.
            log.debug("Voice session {} not reported: {}", what, VoiceSession.readable(e));
        }
    }

    private static void cancel(VoiceScheduler.Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }
}
