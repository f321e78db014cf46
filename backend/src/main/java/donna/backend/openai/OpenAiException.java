package donna.backend.openai;

/** A call to OpenAI failed. Messages never carry the API key. */
public abstract sealed class OpenAiException extends RuntimeException
        permits OpenAiUnavailableException, OpenAiTimeoutException, OpenAiRequestException {
    OpenAiException(String message, Throwable cause) {
        super(message, cause);
    }
}
