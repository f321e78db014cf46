package donna.audio.webrtc;

import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.WavRecorder;
import donna.core.voice.Pcm16;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches DONNA's audio where it is played: a sink on the remote track, called with every decoded 10 ms frame
 * (about 100 times a second, on WebRTC's audio thread, so it only counts and copies).
 *
 * <p>Once {@linkplain #armFirstSound() armed} (a response was asked for or announced), the next frame with sound
 * fires the first-sound callback: that is the "first audio frame" of a response.
 *
 * <p>Played time is measured in stretches: a stretch opens at a frame with sound and closes at the first silent
 * frame after the server said its audio buffer stopped or was cleared, or after {@link #TRAILING_SILENCE_MILLIS} of
 * silence. Pauses between words count as played (they are part of what was heard) and go to the recorder as
 * silence once sound follows them; the silence that ends a stretch does not count.
 */
final class PlaybackTap implements AudioTrackSink {
    static final long TRAILING_SILENCE_MILLIS = 500;

    private final Runnable onFirstSound;
    private final WavRecorder recorder;
    private final Object lock = new Object();
    private boolean speaking;
    /** Barge-in silenced DONNA here: frames are neither recorded nor counted as played. */
    private boolean muted;
    private boolean armed;
    private boolean endAnnounced;
    private long silentMillisInStretch;
    private int silentBytesPending;
    private long playedMillis;

    /**
     * @param onFirstSound runs (on the audio thread) at the first frame with sound after {@link #armFirstSound()}
     * @param recorder     receives every frame of speech; null for none
     */
    PlaybackTap(Runnable onFirstSound, WavRecorder recorder) {
        this.onFirstSound = onFirstSound;
        this.recorder = recorder;
    }

    @Override
    public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        if (bitsPerSample != 16 || channels < 1 || frames <= 0 || data.length < frames * channels * 2) {
            return;
        }
        byte[] mono = Mono.of(data, channels, frames);
        long frameMillis = PcmFormat.millis(frames, sampleRate);
        boolean silent = Pcm16.silent(mono);
        boolean firstSound;
        synchronized (lock) {
            if (muted) {
                return; // not heard: not played, and no answer's first sound
            }
            firstSound = armed && !silent;
            if (firstSound) {
                armed = false;
            }
            if (!speaking && !silent) {
                speaking = true;
                silentMillisInStretch = 0;
                silentBytesPending = 0;
            }
            if (speaking) {
                count(mono, silent, frameMillis, sampleRate);
            }
        }
        if (firstSound) {
            onFirstSound.run();
        }
    }

    /**
     * Silences (true) or restores the audio: while muted, frames are not recorded or counted, and the stretch that
     * was playing ends now.
     */
    void mute(boolean on) {
        synchronized (lock) {
            muted = on;
            if (on && speaking) {
                speaking = false;
                endAnnounced = false;
                silentMillisInStretch = 0;
                silentBytesPending = 0;
                lock.notifyAll();
            }
        }
    }

    /** The next frame with sound fires the first-sound callback. */
    void armFirstSound() {
        synchronized (lock) {
            armed = true;
        }
    }

    /** The server's audio buffer stopped or was cleared: the stretch ends at the next silent frame. */
    void endOfSpeech() {
        synchronized (lock) {
            endAnnounced = speaking;
        }
    }

    /** Waits until no stretch of speech is playing; false if {@code timeout} passed first. */
    boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (speaking) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    long playedMillis() {
        synchronized (lock) {
            return playedMillis;
        }
    }

    private void count(byte[] mono, boolean silent, long frameMillis, int sampleRate) {
        if (silent) {
            silentMillisInStretch += frameMillis;
            silentBytesPending += mono.length;
            if (endAnnounced || silentMillisInStretch >= TRAILING_SILENCE_MILLIS) {
                speaking = false;
                endAnnounced = false;
                lock.notifyAll();
            }
            return;
        }
        playedMillis += frameMillis + PcmFormat.millis(silentBytesPending / 2, sampleRate);
        if (recorder != null) {
            if (silentBytesPending > 0) {
                recorder.append(new byte[silentBytesPending], sampleRate);
            }
            recorder.append(mono, sampleRate);
        }
        silentMillisInStretch = 0;
        silentBytesPending = 0;
    }
}
