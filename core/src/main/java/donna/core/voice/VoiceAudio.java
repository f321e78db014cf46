package donna.core.voice;

/**
 * The microphone and the speaker for a transport that carries audio itself (the WebSocket one): PCM16 little-endian
 * mono at {@link #SAMPLE_RATE}, the Realtime API's {@code audio/pcm}. Platform-audio implements it on the sound
 * devices (the same audio layer, devices and voice processing as the WebRTC transport); tests use a WAV-backed
 * one. WebRTC sends and receives its audio itself and does not use this seam.
 */
public interface VoiceAudio extends AutoCloseable {
    /** Samples per second of every frame in and out. */
    int SAMPLE_RATE = 24_000;
    /** Bytes per millisecond of mono PCM16 at {@link #SAMPLE_RATE}. */
    int BYTES_PER_MS = SAMPLE_RATE * 2 / 1000;

    /** Starts capture and playback: microphone frames go to {@code listener} on an audio thread until close. */
    void start(Listener listener);

    /** Queues model audio for playback. */
    void play(byte[] pcm);

    /** Drops queued audio that has not been played yet (barge-in). */
    void clearPlayback();

    /** Milliseconds of audio played out since start. */
    long playedMillis();

    /**
     * The transport that started with {@code listener} is done with the devices: implementations that hold a sound
     * device may release it now, unless another transport has started since. Does nothing by default.
     */
    default void detach(Listener listener) {
    }

    /** Stops capture and playback. Idempotent. */
    @Override
    void close();

    /** Frames as they happen. */
    interface Listener {
        /** One captured frame (typically 10 or 20 ms). */
        void onMicrophoneFrame(byte[] pcm);

        /** One frame reached the speaker. */
        void onPlayed(byte[] pcm);
    }
}
