package donna.core.voice;

/** What a {@link RealtimeTransport} reports, on its own threads. */
public interface TransportListener {

    /**
     * Every server event, in order (a JSON object's text). Audio payloads a transport plays itself
     * ({@code response.output_audio.delta} over a WebSocket) need not be passed on.
     */
    void onEvent(String eventJson);

    /** The first non-silent model audio frame of a response reached playback. */
    void onFirstAudioFrame();

    /**
     * The channel closed: {@code failure} when it was not asked for (socket dropped, ICE or DTLS failed, the server
     * hung up); {@code reason} is readable and carries no secret.
     */
    void onClosed(String reason, boolean failure);

    /** The chat the session's turns go into (null: none yet); asked by a transport whose service keeps turns. */
    default String chatId() {
        return null;
    }

    /** The service put this connection's turns into this chat (a new one when there was none). */
    default void onChatSession(String chatId) {
    }

    /** A tool the service ran in this connection's turn (the batch path), for the Voice pane. */
    default void onToolStep(ToolStep step) {
    }

    /** Something a tool the service ran produced for the person (a draft, a send waiting for their yes). */
    default void onToolAction(ToolAction action) {
    }

    /** Something the person should know that changes nothing else ("DONNA heard nothing"). */
    default void onNotice(String message) {
    }

    /** Which way the voice travels and why ("Using the relay: ..."); reported when a connection opens. */
    default void onPath(String description) {
    }
}
