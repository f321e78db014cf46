package donna.backend.openai;

/** No complete answer within the configured timeout, or no data for too long mid-stream: a 504 upstream. */
public final class OpenAiTimeoutException extends OpenAiException {
    public OpenAiTimeoutException(String message) {
        super(message, null);
    }
}
