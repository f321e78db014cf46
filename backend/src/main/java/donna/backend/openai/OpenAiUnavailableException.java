package donna.backend.openai;

/** OpenAI could not answer (429/5xx after the retries, connection failures, a stream cut mid-way): a 503 upstream. */
public non-sealed class OpenAiUnavailableException extends OpenAiException {
    public OpenAiUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
