package donna.backend.auth;

import donna.backend.http.ApiException;

/** Clerk's keys could not be fetched: the token cannot be checked, so the request is neither let in nor blamed. */
public final class AuthUnavailableException extends ApiException {
    public AuthUnavailableException() {
        super(503, "auth_unavailable", "Sign-in cannot be verified right now; try again shortly");
    }
}
