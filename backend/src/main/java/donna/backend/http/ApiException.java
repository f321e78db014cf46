package donna.backend.http;

/**
 * An error the client should see: the HTTP status, a stable machine code and a readable message, answered in the
 * standard envelope. The message must be safe to show (no secrets, no internals).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private long retryAfterSeconds = -1;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Sends {@code Retry-After} with this error: when the client may try again. */
    public ApiException retryAfter(long seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        return this;
    }

    /** Seconds for {@code Retry-After}, or -1 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }
}
