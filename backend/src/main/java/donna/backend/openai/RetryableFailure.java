package donna.backend.openai;

import java.time.Duration;

/** A failed attempt that is safe to repeat: nothing reached the caller yet. Only the retry loop sees it. */
final class RetryableFailure extends OpenAiUnavailableException {
    private final transient Duration retryAfter;

    RetryableFailure(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** The server's Retry-After, or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
