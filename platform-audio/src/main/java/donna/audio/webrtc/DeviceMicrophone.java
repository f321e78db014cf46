package donna.audio.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import donna.audio.pcm.LevelMeter;

/**
 * The sound card's microphone: WebRTC captures it itself (with the runtime's voice processing) and the track's
 * enabled flag is the push-to-talk gate (a disabled track sends silence). Its level comes from the send stream's
 * statistics, which the transport polls.
 */
final class DeviceMicrophone implements Microphone {
    private final AudioTrack track;
    private volatile long pressedAt;
    private volatile long pressToLiveNanos = -1;
    private volatile double level;

    DeviceMicrophone(PeerConnectionFactory factory, String trackId) {
        this.track = factory.createAudioTrack(trackId, factory.createAudioSource(WebRtcRuntime.voiceOptions()));
        track.setEnabled(false);
    }

    @Override
    public AudioTrack track() {
        return track;
    }

    @Override
    public void setLive(boolean live) {
        pressedAt = System.nanoTime();
        track.setEnabled(live);
        if (live) {
            pressToLiveNanos = System.nanoTime() - pressedAt; // the next captured frame flows: nothing else waits
        }
    }

    @Override
    public double level() {
        return level;
    }

    /** The transport's statistics poll reports the send stream's audio level here (0..1, linear). */
    void reportLevel(double linear) {
        level = LevelMeter.reading(linear);
    }

    @Override
    public long pressToLiveNanos() {
        return pressToLiveNanos;
    }

    @Override
    public void close() {
        // The track belongs to its connection once added; closing the connection releases it.
    }
}
