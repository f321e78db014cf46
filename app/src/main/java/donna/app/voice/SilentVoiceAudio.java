package donna.app.voice;

import donna.core.voice.VoiceAudio;

/**
 * Sound devices for the WebSocket transport until the platform provides real ones: no microphone frames, and
 * audio "played" the moment it arrives (counted, so the session's turns still end). The Voice pane then says
 * there is no sound from the microphone.
 */
public final class SilentVoiceAudio implements VoiceAudio {
    private volatile Listener listener;
    private long played;

    @Override
    public void start(Listener newListener) {
        listener = newListener;
    }

    @Override
    public void play(byte[] pcm) {
        synchronized (this) {
            played += pcm.length;
        }
        Listener l = listener;
        if (l != null) {
            l.onPlayed(pcm);
        }
    }

    @Override
    public void clearPlayback() {
    }

    @Override
    public synchronized long playedMillis() {
        return played / BYTES_PER_MS;
    }

    @Override
    public void close() {
        listener = null;
    }
}
