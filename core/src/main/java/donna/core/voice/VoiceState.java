package donna.core.voice;

/** Where a {@link VoiceSession} is; the Voice pane shows it. */
public enum VoiceState {
    /** Not connected. */
    IDLE,
    /** Getting a client secret, opening the connection, configuring the session. */
    CONNECTING,
    /** Connected and waiting for the user (hands-free: listening for speech, nothing heard yet). */
    READY,
    /** The user is talking: push-to-talk held, or speech detected in hands-free. */
    LISTENING,
    /** The user's turn went to the model; no audio back yet. */
    THINKING,
    /** DONNA's audio is playing. */
    SPEAKING,
    /** The connection broke while in use; trying again with backoff. */
    RECONNECTING,
    /** Could not connect, or gave up reconnecting; the detail says why. */
    FAILED;

    /** Connected and usable: the states a dropped connection reconnects from. */
    public boolean connected() {
        return this == READY || this == LISTENING || this == THINKING || this == SPEAKING;
    }
}
