package donna.audio.webrtc;

import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioResampler;
import donna.audio.AudioUnavailableException;

/**
 * Converts 10 ms frames of PCM16 mono between two sample rates with WebRTC's own resampler (its {@code PushResampler}:
 * a windowed-sinc filter that removes what the lower rate cannot carry, so a downsample does not alias). Keeps the
 * filter's state between frames, so consecutive frames join without clicks: one instance per stream. Not
 * thread-safe: each stream is converted on one audio thread.
 */
final class PcmResampler implements AutoCloseable {
    private final int fromRate;
    private final int toRate;
    private final AudioResampler resampler;
    private final byte[] out;

    /** @throws AudioUnavailableException when WebRTC's native library cannot load */
    PcmResampler(int fromRate, int toRate) {
        this.fromRate = fromRate;
        this.toRate = toRate;
        loadNatives();
        this.resampler = fromRate == toRate ? null : new AudioResampler(fromRate, toRate, 1);
        this.out = new byte[toRate / 100 * 2];
    }

    int fromRate() {
        return fromRate;
    }

    int toRate() {
        return toRate;
    }

    /** One 10 ms frame ({@code fromRate / 100} samples) in, one 10 ms frame ({@code toRate / 100}) out, a new array. */
    byte[] convert(byte[] frame) {
        if (frame.length != fromRate / 100 * 2) {
            throw new IllegalArgumentException("a frame is 10 ms: " + fromRate / 100 * 2 + " bytes, not "
                    + frame.length);
        }
        if (resampler == null) {
            return frame.clone();
        }
        int samples = resampler.resample(frame, fromRate / 100, out, toRate / 100, 1);
        byte[] result = new byte[Math.max(0, samples) * 2];
        System.arraycopy(out, 0, result, 0, result.length);
        return result;
    }

    @Override
    public void close() {
        if (resampler != null) {
            resampler.dispose();
        }
    }

    private static void loadNatives() {
        try {
            // AudioResampler does not load the native library itself; AudioProcessing's class initialiser does (once
            // per process), and the library's loader is not exported to call directly.
            Class.forName(AudioProcessing.class.getName(), true, AudioProcessing.class.getClassLoader());
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            throw new AudioUnavailableException("WebRTC's native library did not load: " + e.getMessage(), e);
        }
    }
}
