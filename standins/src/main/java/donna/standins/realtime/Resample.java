package donna.standins.realtime;

/**
 * PCM16 little-endian to mono at another rate, by averaging the channels and picking the nearest sample. Crude
 * (it aliases), and enough for a fake that only measures loudness and duration of what it hears.
 */
final class Resample {
    private Resample() {}

    static byte[] toMono(byte[] pcm, int rate, int channels, int frames, int targetRate) {
        int out = (int) ((long) frames * targetRate / rate);
        byte[] mono = new byte[out * 2];
        for (int i = 0; i < out; i++) {
            int frame = (int) ((long) i * rate / targetRate);
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = (frame * channels + c) * 2;
                sum += (short) ((pcm[at] & 0xff) | (pcm[at + 1] << 8));
            }
            int sample = sum / channels;
            mono[2 * i] = (byte) sample;
            mono[2 * i + 1] = (byte) (sample >> 8);
        }
        return mono;
    }
}
