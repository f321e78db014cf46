package donna.standins.openai;

/** The endpoints of the fake, for scripting failures per endpoint and filtering recorded requests. */
public enum Endpoint {
    RESPONSES("/v1/responses"),
    MODERATIONS("/v1/moderations"),
    EMBEDDINGS("/v1/embeddings"),
    CLIENT_SECRETS("/v1/realtime/client_secrets"),
    TRANSCRIPTIONS("/v1/audio/transcriptions"),
    SPEECH("/v1/audio/speech");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
