package donna.audio.pcm;

import donna.core.voice.Pcm16;

/** The input meter's scale: logarithmic, as ears hear it, -60 dBFS showing as empty and 0 dBFS as full. */
public final class LevelMeter {
    private static final double FLOOR_DB = -60;

    private LevelMeter() {}

    /** The reading (0..1) for a frame of PCM16 little-endian mono. */
    public static double reading(byte[] pcm) {
        return reading(Pcm16.level(pcm));
    }

    /** The reading (0..1) for an RMS level (0..1 of full scale). */
    public static double reading(double rms) {
        if (rms <= 0) {
            return 0;
        }
        return Math.clamp((20 * Math.log10(rms) - FLOOR_DB) / -FLOOR_DB, 0.0, 1.0);
    }
}
