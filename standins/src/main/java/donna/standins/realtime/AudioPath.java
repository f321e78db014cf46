package donna.standins.realtime;

/** How a conversation's audio travels: which of the two real transports it imitates. */
public enum AudioPath {
    /**
     * WebSocket: the user's audio arrives as {@code input_audio_buffer.append} events, DONNA's leaves as
     * {@code response.output_audio.delta} events; {@code output_audio_buffer.*} does not exist.
     */
    EVENTS,
    /**
     * WebRTC: audio is media. The peer feeds {@link FakeRealtimeConversation#microphone} and pulls
     * {@link FakeRealtimeConversation#speak} at playback pace; {@code output_audio_buffer.started/stopped/cleared}
     * report what plays.
     */
    MEDIA
}
