package donna.core.oauth;

/** A browser sign-in or connect flow that did not finish; the message is meant for the person. */
public final class OAuthFlowException extends RuntimeException {
    public enum Reason { TIMEOUT, DENIED, CANCELLED, FAILED }

    private final Reason reason;

    public OAuthFlowException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
