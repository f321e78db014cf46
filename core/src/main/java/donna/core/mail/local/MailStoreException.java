package donna.core.mail.local;

/** The local mail database could not be read or written (disk full, file locked too long, corrupt file). */
public final class MailStoreException extends RuntimeException {
    public MailStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
