package donna.audio.webrtc;

/** What carries audio in and out of WebRTC in this process. */
public enum AudioBackend {
    /** The machine's sound devices (PulseAudio on Linux, the platform default elsewhere), headless if there are none. */
    SYSTEM,
    /** No sound device at all: the microphone is fed from code (a WAV file, silence) and playback is only observed. */
    HEADLESS
}
