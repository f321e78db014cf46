package donna.audio.pcm;

import donna.core.voice.Pcm16;

/** The input meter's scale ({@link Pcm16#meterReading}): -60 dBFS showing as empty and 0 dBFS as full. */
public final class LevelMeter {
    private LevelMeter() {}

    /** The reading (0..1) for a frame of PCM16 little-endian mono. */
    public static double reading(byte[] pcm) {
        return reading(Pcm16.level(pcm));
    }

    /** The reading (0..1) for an RMS level (0..1 of full scale). */
    public static double reading(double rms) {
        return Pcm16.meterReading(rms);
    }
}
