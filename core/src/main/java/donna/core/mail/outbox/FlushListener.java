package donna.core.mail.outbox;

import java.time.Duration;

/** Progress of a flush, "n of m", told from the flushing thread: post to the UI thread before touching it. */
public interface FlushListener {

    /** A flush begins with {@code total} mails waiting. */
    default void started(int total) {}

    /** {@code done} of {@code total} are through; {@code entry} was just sent or refused. */
    default void progressed(int done, int total, OutboxEntry entry) {}

    default void finished(FlushReport report) {}

    /**
     * The flush stopped at {@code entry} because an earlier attempt of the same mail holds the service's lease on it
     * (409 {@code send_in_progress}, e.g. an app that was killed mid-send); the lease ends within {@code remaining}.
     */
    default void waitingForLease(OutboxEntry entry, Duration remaining) {}
}
