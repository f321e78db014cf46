package donna.backend.openai;

/** OpenAI refused the request (400, 401, 403, 404, ...): retrying would not help. Carries OpenAI's message. */
public final class OpenAiRequestException extends OpenAiException {
    private final int status;

    public OpenAiRequestException(int status, String message) {
        super("OpenAI rejected the request (HTTP " + status + "): " + message, null);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
