package donna.audio.pcm;

/**
 * Loudness of PCM frames: what the level meter shows and where "silence" ends. A frame counts as sound when its
 * peak passes {@link #SILENCE_PEAK} (about -54 dBFS): decoded Opus silence and comfort noise stay below it, speech
 * and the fakes' tones are far above.
 */
public final class Levels {
    /** Peak amplitude (of 32767) at and below which a frame is silence. */
    public static final int SILENCE_PEAK = 64;
    /** The meter's floor: -60 dBFS shows as empty, 0 dBFS as full. */
    private static final double METER_FLOOR_DB = -60;

    private Levels() {}

    public static boolean isSilent(short[] samples, int count) {
        for (int i = 0; i < count; i++) {
            if (Math.abs(samples[i]) > SILENCE_PEAK) {
                return false;
            }
        }
        return true;
    }

    /** Root mean square of the first {@code count} samples, 0..1 of full scale. */
    public static double rms(short[] samples, int count) {
        if (count == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double s = samples[i] / 32768.0;
            sum += s * s;
        }
        return Math.sqrt(sum / count);
    }

    /** The meter reading (0..1) for an RMS level: logarithmic, as ears hear it. */
    public static double meter(double rms) {
        if (rms <= 0) {
            return 0;
        }
        double db = 20 * Math.log10(rms);
        return Math.clamp((db - METER_FLOOR_DB) / -METER_FLOOR_DB, 0.0, 1.0);
    }
}
