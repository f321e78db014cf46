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
}
