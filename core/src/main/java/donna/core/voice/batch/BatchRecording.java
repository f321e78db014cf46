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

    /**
     * 24 kHz to 16 kHz (two samples out of every three in), each output a short low-pass of its neighbours
     * (1/4, 1/2, 1/4 at its position): enough to keep content above 8 kHz from folding into the speech band.
     */
    static short[] downsample(short[] in) {
        int n = in.length * 2 / 3;
        short[] out = new short[n];
        for (int j = 0; j < n; j++) {
            double pos = j * 1.5;
            int i = (int) pos;
            double centre = pos == i ? in[i] : (in[i] + at(in, i + 1)) / 2.0;
            double before = pos == i ? at(in, i - 1) : in[i];
            double after = pos == i ? at(in, i + 1) : at(in, i + 2);
            out[j] = (short) Math.round(0.25 * before + 0.5 * centre + 0.25 * after);
        }
        return out;
    }

    private static double at(short[] a, int i) {
        return a[Math.max(0, Math.min(a.length - 1, i))];
    }
}
