package donna.backend.voiceturn;

import donna.backend.http.ApiException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A spoken turn's recording, checked before anything is spent on it: a 16-bit PCM WAV (what the app records), at
 * most {@link #MAX_SECONDS} long, and not silence. Its size is the service's body limit (413 before this runs).
 *
 * @param millis how long it is
 * @param peak   its loudest sample (0..32768)
 */
record Recording(long millis, int peak) {
    static final int MAX_SECONDS = 60;
    /** Below this peak (about -36 dBFS) nobody spoke: the microphone's own noise stays well under it. */
    static final int SILENCE_PEAK = 500;
    static final int MIN_MILLIS = 200;

    static Recording check(byte[] wav) {
        if (wav.length < 44 || !ascii(wav, 0).equals("RIFF") || !ascii(wav, 8).equals("WAVE")) {
            throw unsupported();
        }
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int rate = 0;
        int channels = 0;
        int at = 12;
        while (at + 8 <= wav.length) {
            String id = ascii(wav, at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (id.equals("fmt ") && at + 24 <= wav.length) {
                int format = b.getShort(at + 8) & 0xFFFF;
                channels = b.getShort(at + 10) & 0xFFFF;
                rate = b.getInt(at + 12);
                int bits = b.getShort(at + 22) & 0xFFFF;
                if (format != 1 || bits != 16 || channels < 1 || channels > 2 || rate < 8_000 || rate > 48_000) {
                    throw unsupported();
                }
            } else if (id.equals("data")) {
                if (rate == 0) {
                    throw unsupported();
                }
                int end = (int) Math.min(wav.length, at + 8 + size);
                long millis = (end - at - 8) / 2L / channels * 1000 / rate;
                if (millis > MAX_SECONDS * 1000L) {
                    throw new ApiException(413, "audio_too_long", "A spoken turn is at most " + MAX_SECONDS
                            + " s; this one is " + millis / 1000 + " s");
                }
                int peak = 0;
                for (int i = at + 8; i + 1 < end; i += 2) {
                    peak = Math.max(peak, Math.abs((int) b.getShort(i)));
                }
                if (millis < MIN_MILLIS || peak < SILENCE_PEAK) {
                    throw new ApiException(422, "no_speech", "DONNA heard nothing in this recording; hold the key "
                            + "and speak, then release");
                }
                return new Recording(millis, peak);
            }
            long next = at + 8 + size + (size & 1);
            if (next > wav.length) {
                throw unsupported(); // a chunk that claims more than the file holds
            }
            at = (int) next;
        }
        throw unsupported();
    }

    private static String ascii(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.US_ASCII);
    }

    private static ApiException unsupported() {
        return new ApiException(415, "unsupported_audio", "Send the recording as a 16-bit PCM WAV (8 to 48 kHz, "
                + "mono or stereo)");
    }
}
