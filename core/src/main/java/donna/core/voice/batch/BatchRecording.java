package donna.core.voice.batch;

import donna.core.voice.VoiceAudio;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the person said while the key was held, for {@code POST /api/voice/turn}: microphone frames (PCM16 24 kHz
 * mono, {@link VoiceAudio}) collected, then written as a 16-bit PCM WAV at 16 kHz mono, so the service's 1 MiB
 * body limit holds about 32 s of speech (24 kHz would hold 21 s). Not thread-safe: the transport locks around it.
 */
final class BatchRecording {
    /** The WAV's rate: ample for speech, two thirds of the microphone's bytes. */
    static final int RATE = 16_000;
    /** The service's body limit ({@code MAX_BODY_BYTES}, 1 MiB) less the WAV header. */
    static final int MAX_WAV_BYTES = 1 << 20;
    private static final int HEADER = 44;
    /** The longest recording that fits: about 32.7 s (the service's 60 s limit is never reached). */
    static final long MAX_MILLIS = (MAX_WAV_BYTES - HEADER) / (RATE * 2 / 1000);

    private final ByteArrayOutputStream pcm24k = new ByteArrayOutputStream();
    private final long maxBytes = MAX_MILLIS * VoiceAudio.BYTES_PER_MS;

    /** Adds one frame; false when the recording is full (the frame, or its end, was not kept). */
    boolean add(byte[] frame) {
        long room = maxBytes - pcm24k.size();
        if (room <= 0) {
            return false;
        }
        int keep = (int) Math.min(room, frame.length) & ~1;
        pcm24k.write(frame, 0, keep);
        return keep == frame.length;
    }

    long millis() {
        return pcm24k.size() / VoiceAudio.BYTES_PER_MS;
    }

    void clear() {
        pcm24k.reset();
    }

    /** The recording as a WAV (16 kHz mono 16-bit), and the recording emptied. */
    byte[] takeWav() {
        short[] in = samples(pcm24k.toByteArray());
        pcm24k.reset();
        short[] out = downsample(in);
        ByteBuffer wav = ByteBuffer.allocate(HEADER + out.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + out.length * 2)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(out.length * 2);
        for (short s : out) {
            wav.putShort(s);
        }
        return wav.array();
    }

    private static short[] samples(byte[] pcm) {
        short[] s = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }

    /** A low-pass at 7 kHz for 24 kHz audio: 31 taps, Hamming window (stopband from about 8.5 kHz). */
    private static final double[] LOW_PASS = lowPass(31, 7_000.0 / 24_000);

    /**
     * 24 kHz to 16 kHz: low-passed below the new Nyquist frequency (8 kHz), so hiss above it does not fold into
     * the speech band, then two samples taken for every three (the second between two inputs, interpolated).
     */
    static short[] downsample(short[] in) {
        int half = LOW_PASS.length / 2;
        double[] filtered = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double sum = 0;
            for (int k = 0; k < LOW_PASS.length; k++) {
                sum += LOW_PASS[k] * at(in, i + k - half);
            }
            filtered[i] = sum;
        }
        int n = in.length * 2 / 3;
        short[] out = new short[n];
        for (int j = 0; j < n; j++) {
            int i = j * 3 / 2;
            double v = j % 2 == 0 ? filtered[i] : (filtered[i] + filtered[Math.min(i + 1, in.length - 1)]) / 2;
            out[j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return out;
    }

    /** A windowed-sinc low-pass, {@code cutoff} a fraction of the sample rate, gain 1 at 0 Hz. */
    private static double[] lowPass(int taps, double cutoff) {
        double[] h = new double[taps];
        double sum = 0;
        int m = taps - 1;
        for (int n = 0; n < taps; n++) {
            double x = n - m / 2.0;
            double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            h[n] = sinc * (0.54 - 0.46 * Math.cos(2 * Math.PI * n / m));
            sum += h[n];
        }
        for (int n = 0; n < taps; n++) {
            h[n] /= sum;
        }
        return h;
    }

    private static double at(short[] a, int i) {
        return a[Math.max(0, Math.min(a.length - 1, i))];
    }
}
