package donna.core.api;

import donna.core.ServiceError;
import java.util.Objects;

/** A call to the companion service failed; {@link #error()} says how, in the service's own terms. */
public final class ServiceException extends RuntimeException {
    private final transient ServiceError error;

    public ServiceException(ServiceError error) {
        this(error, null);
    }

    public ServiceException(ServiceError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").code() + ": " + error.message(), cause);
        this.error = error;
    }

    public ServiceError error() {
        return error;
    }

    static ServiceException unreachable(String detail, Throwable cause) {
        return new ServiceException(new ServiceError(0, "unreachable",
                "The DONNA service could not be reached" + (detail == null ? "" : " (" + detail + ")"), null), cause);
    }
}
