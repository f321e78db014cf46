package donna.core.voice;

/** Small measurements on PCM16 little-endian mono audio, for level meters and "was anything said" checks. */
public final class Pcm16 {
    /** Below this RMS level (0..1) a frame counts as silence: about -50 dBFS, under a quiet room's noise. */
    public static final double SILENCE_LEVEL = 0.003;

    private Pcm16() {}

    /** The RMS level of the frame, 0 (silence) to 1 (full scale). */
    public static double level(byte[] pcm) {
        int samples = pcm.length / 2;
        if (samples == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            double s = sample(pcm, i) / 32768.0;
            sum += s * s;
        }
        return Math.min(1.0, Math.sqrt(sum / samples));
    }

    /**
     * The input meter's reading (0..1) for an RMS level: logarithmic, as ears hear it, -60 dBFS empty and 0 dBFS
     * full. Both transports' meters use it, so the Voice pane's bar means the same on WebRTC and the WebSocket.
     */
    public static double meterReading(double rms) {
        if (rms <= 0) {
            return 0;
        }
        return Math.clamp((20 * Math.log10(rms) + 60) / 60, 0.0, 1.0);
    }

    public static boolean silent(byte[] pcm) {
        return level(pcm) < SILENCE_LEVEL;
    }

    /** Milliseconds of audio in {@code bytes} of PCM16 mono at {@link VoiceAudio#SAMPLE_RATE}. */
    public static long millis(long bytes) {
        return bytes / VoiceAudio.BYTES_PER_MS;
    }

    /** Sample {@code index} (not byte index) as a signed 16-bit value. */
    public static int sample(byte[] pcm, int index) {
        return (short) ((pcm[2 * index] & 0xff) | (pcm[2 * index + 1] << 8));
    }
}
