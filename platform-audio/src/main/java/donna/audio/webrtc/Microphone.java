package donna.audio.webrtc;

import dev.onvoid.webrtc.media.audio.AudioTrack;

/** One connection's microphone: the audio track WebRTC sends, and the push-to-talk gate in front of it. */
interface Microphone extends AutoCloseable {

    AudioTrack track();

    /** Audio reaches the track only while live; otherwise the track carries silence. */
    void setLive(boolean live);

    /** The meter reading (0..1) of the latest 10 ms. */
    double level();

    /** Nanoseconds from the latest {@code setLive(true)} to the first live audio handed to WebRTC; -1 before any. */
    long pressToLiveNanos();

    @Override
    void close();
}
