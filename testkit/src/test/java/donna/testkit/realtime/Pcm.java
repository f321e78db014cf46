package donna.testkit.realtime;

import java.util.Base64;

/** Test audio: PCM16 24 kHz mono voice (a loud 220 Hz tone) and silence, and the append event that carries it. */
final class Pcm {
    private Pcm() {}

    static byte[] voice(long ms) {
        byte[] pcm = new byte[(int) ms * 48];
        for (int i = 0; i < pcm.length / 2; i++) {
            short s = (short) (12_000 * Math.sin(2 * Math.PI * 220 * i / 24_000.0));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    static byte[] silence(long ms) {
        return new byte[(int) ms * 48];
    }

    static String append(byte[] pcm) {
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}";
    }
}
