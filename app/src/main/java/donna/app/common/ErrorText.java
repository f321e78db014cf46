package donna.app.common;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.auth.SignInExpiredException;
import donna.core.oauth.OAuthFlowException;

/** Turns failures into one sentence a person can act on; details stay in the log. */
public final class ErrorText {
    private ErrorText() {}

    public static String of(Throwable failure) {
        if (failure instanceof ServiceException se) {
            return of(se.error());
        }
        if (failure instanceof OAuthFlowException || failure instanceof SignInExpiredException) {
            return failure.getMessage(); // written for the person already
        }
        return "Something went wrong (" + failure.getClass().getSimpleName() + "). Details are in the log.";
    }

    public static String of(ServiceError e) {
        return switch (e.code()) {
            case "unreachable" -> "DONNA's service can't be reached. Check the status line below, then retry.";
            case "starting" -> "DONNA's service is still starting. Retry in a moment.";
            case "rate_limited" -> "Too many requests just now. Wait a moment, then retry.";
            case "unauthorized" -> "The service did not accept this app's credentials. Sign in under Settings > Account.";
            case "stream_interrupted" -> "The reply was cut off. Retry to ask again.";
            default -> e.message() != null && !e.message().isBlank() ? e.message() : "The service failed (" + e.code() + ").";
        };
    }
}
