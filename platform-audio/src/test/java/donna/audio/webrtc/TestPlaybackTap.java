package donna.audio.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.Signals;
import donna.audio.pcm.WavRecorder;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How played time and the first audio frame are counted, with frames handed in directly. */
class TestPlaybackTap {
    private final AtomicInteger firstSounds = new AtomicInteger();
    private final WavRecorder recorder = new WavRecorder();
    private final PlaybackTap tap = new PlaybackTap(firstSounds::incrementAndGet, recorder);

    @Test
    void pausesBetweenWordsCountButTheSilenceAfterSpeechDoesNot() {
        silence(200);
        sound(300);
        silence(200); // a pause
        sound(100);
        silence(2000); // she is done

        assertThat(tap.playedMillis()).isEqualTo(600);
        assertThat(recorder.millis()).isEqualTo(600);
    }

    @Test
    void theFirstSoundFiresOncePerArmingAndNeverUnarmed() {
        sound(50);
        assertThat(firstSounds).hasValue(0);

        tap.armFirstSound();
        silence(100);
        assertThat(firstSounds).hasValue(0);
        sound(30);
        sound(30);
        assertThat(firstSounds).hasValue(1);

        tap.armFirstSound();
        sound(10);
        assertThat(firstSounds).hasValue(2);
    }

    @Test
    void anAnnouncedEndClosesTheStretchAtTheNextSilentFrame() {
        sound(100);
        tap.endOfSpeech();
        silence(10);
        silence(400);
        sound(100);

        // Without the announcement the 410 ms pause would have counted.
        assertThat(tap.playedMillis()).isEqualTo(200);
    }

    @Test
    void stereoFramesAreMixedDownAndOddFormatsIgnored() {
        byte[] stereo = new byte[PcmFormat.SAMPLES_PER_FRAME * 4];
        short[] tone = Signals.tone(440, PcmFormat.SAMPLE_RATE, 10, 0.5);
        for (int i = 0; i < tone.length; i++) {
            stereo[i * 4] = (byte) tone[i];
            stereo[i * 4 + 1] = (byte) (tone[i] >> 8);
        }
        tap.onData(stereo, 16, PcmFormat.SAMPLE_RATE, 2, PcmFormat.SAMPLES_PER_FRAME);
        tap.onData(new byte[8], 8, PcmFormat.SAMPLE_RATE, 1, 8);

        assertThat(tap.playedMillis()).isEqualTo(10);
    }

    private void sound(long millis) {
        feed(Signals.tone(440, PcmFormat.SAMPLE_RATE, millis, 0.3));
    }

    private void silence(long millis) {
        feed(new short[(int) (PcmFormat.SAMPLE_RATE * millis / 1000)]);
    }

    private void feed(short[] samples) {
        for (int at = 0; at < samples.length; at += PcmFormat.SAMPLES_PER_FRAME) {
            int n = Math.min(PcmFormat.SAMPLES_PER_FRAME, samples.length - at);
            tap.onData(PcmFormat.bytes(samples, at, n), 16, PcmFormat.SAMPLE_RATE, 1, n);
        }
    }
}
