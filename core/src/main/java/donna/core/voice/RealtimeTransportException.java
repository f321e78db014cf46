package donna.core.voice;

/** A realtime connection could not be opened or broke; the message is readable and names no secret. */
public class RealtimeTransportException extends RuntimeException {
    public RealtimeTransportException(String reason) {
        super(reason);
    }

    public RealtimeTransportException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
