package donna.core.mail.outbox;

/** Progress of a flush, "n of m", told from the flushing thread: post to the UI thread before touching it. */
public interface FlushListener {

    /** A flush begins with {@code total} mails waiting. */
    default void started(int total) {}

    /** {@code done} of {@code total} are through; {@code entry} was just sent or refused. */
    default void progressed(int done, int total, OutboxEntry entry) {}

    default void finished(FlushReport report) {}
}
