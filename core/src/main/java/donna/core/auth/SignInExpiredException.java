package donna.core.auth;

/** The refresh token no longer works (revoked, or the user was removed): the person has to sign in again. */
public final class SignInExpiredException extends RuntimeException {
    public SignInExpiredException(String message) {
        super(message);
    }
}
