package donna.core;

/**
 * The companion service's error envelope, {@code {"success":false,"error":{"code","message","traceId"}}}, as the
 * app sees it. {@code status} is the HTTP status (0 when the service could not be reached at all).
 */
public record ServiceError(int status, String code, String message, String traceId) {

    /** True when retrying later may succeed: the service was unreachable, busy or rate limiting. */
    public boolean retryable() {
        return status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
    }
}
