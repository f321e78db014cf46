package donna.core.voice;

/**
 * One realtime connection to the model: events over a data channel (WebRTC) or a socket (WebSocket), audio through
 * the platform. A transport is used for one connection: a reconnect makes a new one.
 */
public interface RealtimeTransport extends AutoCloseable {

    /**
     * Opens the connection with an ephemeral client secret and returns once the event channel is open. Server events
     * then go to {@code listener}, in order, on a transport thread.
     *
     * @throws RealtimeTransportException with a readable reason on failure or timeout
     */
    void connect(RealtimeConnectRequest request, TransportListener listener);

    /** Sends one client event (a JSON object's text). Dropped with a debug log when the channel is not open. */
    void send(String eventJson);

    /** Push-to-talk gate: microphone audio flows to the model only while live (hands-free keeps it live). */
    void setMicrophoneLive(boolean live);

    /**
     * Milliseconds of model audio actually played out since connect. The session diffs it per response for
     * {@code conversation.item.truncate}'s {@code audio_end_ms}.
     */
    long playedAudioMillis();

    /** The input level (0..1) of the last microphone frame, for the meter. */
    double inputLevel();

    /**
     * True when model audio plays from a server-side output buffer (WebRTC), so barge-in must also send
     * {@code output_audio_buffer.clear}; the WebSocket API rejects that event.
     */
    default boolean hasServerOutputBuffer() {
        return false;
    }

    /** Barge-in: drops model audio received but not yet played (a WebSocket transport's local queue). */
    default void stopPlayback() {
    }

    /**
     * Silences DONNA's audio where it is played (true) until told otherwise (false): audio that arrives meanwhile is
     * neither heard nor counted as played. GPT-Live's barge-in uses it, as Live has no event that stops its output
     * at once (docs/voice.md).
     */
    default void mutePlayback(boolean muted) {
    }

    /**
     * False when the connection does not open with the minted client secret (the relay and the batch path use the
     * service's own credentials): the session then ends the secret's metered session instead of using it.
     */
    default boolean usesClientSecret() {
        return true;
    }

    /**
     * The service's metered voice session this connection opened itself, with no minted secret (GPT-Live's, created
     * by the service), once its SDP exchange is done: the session reports it like a secret's, so a reconnect
     * continues it ({@link RealtimeConnectRequest#continuing()}) and it ends once. Null: none, or reported by the
     * transport itself.
     */
    default String meteredSessionId() {
        return null;
    }

    /**
     * True when the service keeps this connection's turns in the chat itself (the batch path runs them as typed
     * turns): the session then shows and remembers transcripts but does not save them again.
     */
    default boolean savesTranscripts() {
        return false;
    }

    /**
     * The path's name for the voice events log: {@code webrtc}, {@code websocket}, {@code relay} or {@code batch};
     * null when unknown.
     */
    default String transportName() {
        return null;
    }

    /**
     * False when the path cannot switch the server's voice detection on and off within a session (the batch path has
     * none, GPT-Live's config is fixed at creation): the follow-up window then stays closed.
     */
    default boolean supportsServerTurnDetection() {
        return true;
    }

    /** Closes the connection; the listener gets no {@code onClosed} for a close the caller asked for. Idempotent. */
    @Override
    void close();
}
