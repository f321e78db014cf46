package donna.audio.pcm;

import donna.core.voice.Pcm16;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * A WAV file as a microphone: any common rate (8 to 48 kHz), mono or stereo, 8/16/24-bit or float, converted once to
 * 48 kHz mono 16-bit and then handed out 10 ms at a time. The JDK's sound converters do the resampling and
 * down-mixing (they need no sound device), so nothing here is hand-written signal processing.
 */
public final class WavSource implements PcmSource {
    private final short[] samples;
    private int position;

    private WavSource(short[] samples) {
        this.samples = samples;
    }

    /** Reads and converts the whole file; throws with a readable reason when it is not audio we can use. */
    public static WavSource open(Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            return new WavSource(toMono48k(in, file));
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + " is not a WAV file this program can read (" + e.getMessage() + ")", e);
        }
    }

    /** The samples given, already 48 kHz mono (tests and generated signals). */
    public static WavSource of(short[] samples48kMono) {
        return new WavSource(samples48kMono.clone());
    }

    @Override
    public synchronized boolean read(short[] frame) {
        int n = Math.max(0, Math.min(frame.length, samples.length - position));
        System.arraycopy(samples, position, frame, 0, n);
        Arrays.fill(frame, n, frame.length, (short) 0);
        position += n;
        if (position >= samples.length) {
            notifyAll();
        }
        return n > 0;
    }

    /** Waits until every sample was read; false if {@code timeout} passed first. */
    public synchronized boolean awaitExhausted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (position < samples.length) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public long durationMillis() {
        return PcmFormat.millis(samples.length, PcmFormat.SAMPLE_RATE);
    }

    /** Milliseconds of the file with sound in them (10 ms frames above the silence level). */
    public long soundMillis() {
        long sound = 0;
        for (int at = 0; at < samples.length; at += PcmFormat.SAMPLES_PER_FRAME) {
            int n = Math.min(PcmFormat.SAMPLES_PER_FRAME, samples.length - at);
            if (!Pcm16.silent(PcmFormat.bytes(samples, at, n))) {
                sound += PcmFormat.millis(n, PcmFormat.SAMPLE_RATE);
            }
        }
        return sound;
    }

    /** Starts again from the beginning (one file can feed several turns). */
    public synchronized void rewind() {
        position = 0;
    }

    public synchronized boolean exhausted() {
        return position >= samples.length;
    }

    private static short[] toMono48k(AudioInputStream in, Path file) throws IOException {
        AudioFormat target = new AudioFormat(PcmFormat.SAMPLE_RATE, 16, 1, true, false);
        AudioInputStream converted;
        try {
            converted = AudioSystem.getAudioInputStream(target, in);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " has audio in a format that cannot be converted (" + in.getFormat() + ")",
                    e);
        }
        try (InputStream pcm = converted) {
            byte[] bytes = pcm.readAllBytes();
            short[] out = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
            return out;
        }
    }
}
