package donna.audio.webrtc;

import donna.core.voice.Pcm16;
import java.util.Arrays;

/** Interleaved PCM16 frames down-mixed to one channel (the average of the channels). */
final class Mono {
    private Mono() {}

    /** {@code frames} samples per channel of {@code data}, as mono; the same array when it already is. */
    static byte[] of(byte[] data, int channels, int frames) {
        if (channels <= 1) {
            return data.length == frames * 2 ? data : Arrays.copyOf(data, frames * 2);
        }
        byte[] out = new byte[frames * 2];
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += Pcm16.sample(data, i * channels + c);
            }
            int mixed = sum / channels;
            out[2 * i] = (byte) mixed;
            out[2 * i + 1] = (byte) (mixed >> 8);
        }
        return out;
    }
}
