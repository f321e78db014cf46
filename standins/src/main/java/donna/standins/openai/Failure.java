package donna.standins.openai;

import java.time.Duration;

/**
 * A scripted failure of one call.
 *
 * @param kind       what goes wrong
 * @param status     the HTTP status of an {@link Kind#ERROR_STATUS} answer
 * @param retryAfter the Retry-After of a 429, or null for none
 * @param message    the error message in OpenAI's error JSON
 */
public record Failure(Kind kind, int status, Duration retryAfter, String message) {
    public enum Kind {
        /** An HTTP error answer in OpenAI's error shape. */
        ERROR_STATUS,
        /** A streamed answer that starts (some text deltas go out) and then loses its connection. */
        DROP_MID_STREAM,
        /** The connection closes before any answer. */
        DROP_BEFORE_RESPONSE
    }

    public static Failure rateLimited(Duration retryAfter) {
        return new Failure(Kind.ERROR_STATUS, 429, retryAfter,
                "Rate limit reached for requests. Please try again in " + retryAfter.toMillis() + "ms.");
    }

    public static Failure serverError() {
        return new Failure(Kind.ERROR_STATUS, 500, null,
                "The server had an error while processing your request. Sorry about that!");
    }

    public static Failure status(int status, String message) {
        return new Failure(Kind.ERROR_STATUS, status, null, message);
    }

    public static Failure dropMidStream() {
        return new Failure(Kind.DROP_MID_STREAM, 0, null, null);
    }

    public static Failure dropBeforeResponse() {
        return new Failure(Kind.DROP_BEFORE_RESPONSE, 0, null, null);
    }
}
