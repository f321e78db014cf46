package donna.core.voice;

import donna.core.api.ServiceException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A voice session's events on their way to the service's voice events log: batched (a report when
 * {@value #FLUSH_COUNT} wait, when the session ends, or {@link #FLUSH_AFTER} after the first unsent one; at most
 * {@value #MAX_PER_REPORT} a report), one report at a time, sent through the {@link Sink} on {@code io} (never on the
 * session's, the audio or the UI thread). A failed report is tried again a few times with backoff, then dropped
 * with a log line: voice never waits for, or suffers from, the log.
 *
 * <p>{@link #record} may be called from any thread; it only queues.
 */
public final class VoiceEventLog {
    private static final Logger log = LoggerFactory.getLogger(VoiceEventLog.class);
    public static final int MAX_PER_REPORT = 100;
    public static final int FLUSH_COUNT = 20;
    public static final Duration FLUSH_AFTER = Duration.ofSeconds(5);
    static final int ATTEMPTS = 4;
    static final Duration RETRY_BASE = Duration.ofSeconds(2);
    /** A service away for long: the oldest events beyond this are dropped rather than held without bound. */
    static final int MAX_QUEUED = 1_000;

    /** Sends one report (blocking; at most {@value #MAX_PER_REPORT} events); throws when it was not stored. */
    @FunctionalInterface
    public interface Sink {
        Sink NONE = events -> {};

        void report(List<VoiceEvent> events);
    }

    private final Sink sink;
    private final VoiceScheduler timers;
    private final Executor io;

    private final Deque<VoiceEvent> queued = new ArrayDeque<>();
    private boolean due;
    private boolean sending;
    private VoiceScheduler.Cancellable timer;

    /** @param timers for the flush timer and the retries' backoff (their tasks only hand work to {@code io}) */
    public VoiceEventLog(Sink sink, VoiceScheduler timers, Executor io) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.io = Objects.requireNonNull(io, "io");
    }

    /** Queues one event; an {@code ended} event sends everything queued. */
    public void record(VoiceEvent event) {
        if (sink == Sink.NONE) {
            return;
        }
        synchronized (this) {
            queued.addLast(event);
            if (queued.size() > MAX_QUEUED) {
                queued.removeFirst();
                log.debug("Voice events log: the oldest unsent event dropped ({} queued)", MAX_QUEUED);
            }
            if (queued.size() >= FLUSH_COUNT || "ended".equals(event.type())) {
                due = true;
            } else if (timer == null && !due) {
                timer = timers.schedule(FLUSH_AFTER, this::flush);
            }
        }
        pump();
    }

    /** Sends everything queued now. */
    public void flush() {
        synchronized (this) {
            due = true;
        }
        pump();
    }

    /** Starts the next report when one is due and none is under way. */
    private void pump() {
        List<VoiceEvent> batch;
        synchronized (this) {
            if (sending || !due || queued.isEmpty()) {
                return;
            }
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            batch = new ArrayList<>();
            while (batch.size() < MAX_PER_REPORT && !queued.isEmpty()) {
                batch.add(queued.removeFirst());
            }
            due = !queued.isEmpty(); // more than one report's worth: the next goes right after this one
            sending = true;
        }
        io.execute(() -> attempt(batch, 1));
    }

    private void attempt(List<VoiceEvent> batch, int attempt) {
        try {
            sink.report(batch);
            done();
        } catch (RuntimeException e) {
            if (attempt >= ATTEMPTS || refusedForGood(e)) {
                log.info("Voice events log: {} events dropped after {} attempts: {}", batch.size(), attempt,
                        VoiceSession.readable(e));
                done();
                return;
            }
            Duration wait = e instanceof ServiceException s && s.retryAfter().isPresent() ? s.retryAfter().get()
                    : RETRY_BASE.multipliedBy(1L << (attempt - 1));
            log.debug("Voice events log: report failed ({}); trying again in {} s", VoiceSession.readable(e),
                    wait.toSeconds());
            timers.schedule(wait, () -> io.execute(() -> attempt(batch, attempt + 1)));
        }
    }

    /** A 4xx other than 429 will be refused again however often it is sent. */
    private static boolean refusedForGood(RuntimeException e) {
        if (e instanceof ServiceException s) {
            int status = s.error().status();
            return status >= 400 && status < 500 && status != 429;
        }
        return false;
    }

    private void done() {
        synchronized (this) {
            sending = false;
            if (!due && !queued.isEmpty() && timer == null) {
                timer = timers.schedule(FLUSH_AFTER, this::flush);
            }
        }
        pump();
    }
}
