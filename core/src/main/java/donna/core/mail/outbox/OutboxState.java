package donna.core.mail.outbox;

import java.util.Locale;

/** Where a mail in the outbox is. Only {@link #QUEUED} and {@link #FAILED} mail may be edited or cancelled. */
public enum OutboxState {
    /** Waiting to be sent (also after a failure that may pass: service down, Gmail not connected, rate limit). */
    QUEUED,
    /** Handed to the service; a mail found here after a crash is sent again with the same idempotency key. */
    SENDING,
    SENT,
    /** The service refused it for good (a bad address, say); the reason says why. Edit, then retry. */
    FAILED,
    CANCELLED;

    public boolean editable() {
        return this == QUEUED || this == FAILED;
    }

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OutboxState ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
