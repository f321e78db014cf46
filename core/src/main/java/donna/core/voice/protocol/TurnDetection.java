package donna.core.voice.protocol;

/** Who decides that the user stopped talking: the push-to-talk key, or the server's voice activity detection. */
public enum TurnDetection {
    /** Push-to-talk: the app commits the audio buffer and asks for a response on release. */
    NONE(null),
    /** Silence-based detection on the server. */
    SERVER_VAD("server_vad"),
    /** Detection by what was said (waits for a finished thought). */
    SEMANTIC_VAD("semantic_vad");

    private final String wireName;

    TurnDetection(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code turn_detection.type}, or null when detection is off. */
    public String wireName() {
        return wireName;
    }
}
