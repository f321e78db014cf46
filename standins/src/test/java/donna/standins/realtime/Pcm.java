package donna.standins.realtime;

import java.util.Base64;

/** Test audio: PCM16 24 kHz mono voice (a loud 220 Hz tone) and silence, and the append event that carries it. */
final class Pcm {
    private Pcm() {}

    static byte[] voice(long ms) {
        return Tone.voice(ms);
    }

    static byte[] silence(long ms) {
        return new byte[(int) ms * 48];
    }

    static String append(byte[] pcm) {
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}";
    }
}
