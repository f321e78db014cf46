package donna.standins.realtime;

/** DONNA's "voice" in the fake: a steady 440 Hz sine, PCM16 little-endian mono at 24 kHz, clearly not silence. */
public final class Tone {
    public static final int SAMPLE_RATE = 24_000;
    public static final int BYTES_PER_MS = SAMPLE_RATE * 2 / 1000;
    private static final double FREQUENCY = 440.0;
    private static final double AMPLITUDE = 0.3 * Short.MAX_VALUE;

    private Tone() {}

    /** {@code bytes} of tone continuing from byte offset {@code from} of the utterance (so chunks join smoothly). */
    public static byte[] chunk(long from, int bytes) {
        byte[] pcm = new byte[bytes & ~1];
        long first = from / 2;
        for (int i = 0; i < pcm.length / 2; i++) {
            short s = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * FREQUENCY * (first + i) / SAMPLE_RATE));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    /** A stand-in for the user's voice: {@code ms} of a loud 220 Hz tone, clearly above any silence threshold. */
    public static byte[] voice(long ms) {
        byte[] pcm = new byte[(int) ms * BYTES_PER_MS];
        for (int i = 0; i < pcm.length / 2; i++) {
            short s = (short) (12_000 * Math.sin(2 * Math.PI * 220 * i / SAMPLE_RATE));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }
}
