package donna.audio.pcm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Test signals: tones and WAV files of them in any format. */
public final class Signals {
    private Signals() {}

    /** A sine tone, 16-bit samples, one channel. */
    public static short[] tone(double hz, int sampleRate, long millis, double amplitude) {
        int n = (int) (sampleRate * millis / 1000);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) (amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return out;
    }

    /** Writes a tone as a 16-bit WAV with {@code channels} identical channels. */
    public static Path toneWav(Path file, double hz, int sampleRate, int channels, long millis) throws IOException {
        short[] mono = tone(hz, sampleRate, millis, 0.5);
        byte[] bytes = new byte[mono.length * channels * 2];
        for (int i = 0; i < mono.length; i++) {
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * 2;
                bytes[at] = (byte) mono[i];
                bytes[at + 1] = (byte) (mono[i] >> 8);
            }
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format, mono.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** Zero crossings per second: twice the frequency of a clean tone. */
    public static double crossingsPerSecond(short[] samples, int from, int to, int sampleRate) {
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((samples[i] >= 0) != (samples[i - 1] >= 0)) {
                crossings++;
            }
        }
        return crossings * (double) sampleRate / (to - from);
    }

    /** Reads a whole source (until exhausted) into one array. */
    public static short[] drain(WavSource source) {
        short[] frame = new short[PcmFormat.SAMPLES_PER_FRAME];
        java.util.List<short[]> frames = new java.util.ArrayList<>();
        while (source.read(frame)) {
            frames.add(frame.clone());
        }
        short[] all = new short[frames.size() * frame.length];
        for (int i = 0; i < frames.size(); i++) {
            System.arraycopy(frames.get(i), 0, all, i * frame.length, frame.length);
        }
        return all;
    }
}
