package donna.core.api;

import donna.core.ServiceError;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A call to the companion service failed; {@link #error()} says how, in the service's own terms. */
public final class ServiceException extends RuntimeException {
    private final transient ServiceError error;
    private final transient Duration retryAfter;

    public ServiceException(ServiceError error) {
        this(error, null);
    }

    public ServiceException(ServiceError error, Throwable cause) {
        this(error, cause, null);
    }

    /** @param retryAfter the service's Retry-After (a 429 or 503 says when to come back); null when it sent none */
    public ServiceException(ServiceError error, Throwable cause, Duration retryAfter) {
        super(Objects.requireNonNull(error, "error").code() + ": " + error.message(), cause);
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public ServiceError error() {
        return error;
    }

    /** When to try again, if the service said (Retry-After on 429 {@code rate_limited}, for instance). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    static ServiceException unreachable(String detail, Throwable cause) {
        return new ServiceException(new ServiceError(0, "unreachable",
                "The DONNA service could not be reached" + (detail == null ? "" : " (" + detail + ")"), null), cause);
    }
}
