package donna.core.mail.outbox;

/** The mail is not in a state that allows this (editing a mail that is being sent, say); the message says so. */
public final class OutboxStateException extends IllegalStateException {
    public OutboxStateException(String message) {
        super(message);
    }
}
