package donna.audio.pcm;

/**
 * The one PCM shape audio has inside DONNA: 16-bit signed, 48 kHz, mono, in 10 ms frames of 480 samples. It is
 * what WebRTC's audio pipeline runs at, so frames cross into it without resampling.
 */
public final class PcmFormat {
    public static final int SAMPLE_RATE = 48_000;
    public static final int FRAME_MILLIS = 10;
    public static final int SAMPLES_PER_FRAME = SAMPLE_RATE / 1000 * FRAME_MILLIS;
    public static final int BYTES_PER_FRAME = SAMPLES_PER_FRAME * 2;

    private PcmFormat() {}

    /** {@code count} samples from {@code from} as PCM16 little-endian bytes. */
    public static byte[] bytes(short[] samples, int from, int count) {
        byte[] out = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            out[2 * i] = (byte) samples[from + i];
            out[2 * i + 1] = (byte) (samples[from + i] >> 8);
        }
        return out;
    }

    /** Milliseconds of audio in {@code samples} samples of one channel at {@code sampleRate}. */
    public static long millis(long samples, int sampleRate) {
        return samples * 1000 / sampleRate;
    }
}
