package donna.audio.pcm;

/** Where a microphone's audio comes from when it is not a sound device: a file, silence, a test signal. */
@FunctionalInterface
public interface PcmSource {

    /**
     * Fills {@code frame} ({@link PcmFormat#SAMPLES_PER_FRAME} samples) with the next 10 ms.
     *
     * @return false once the source is exhausted (the frame is then silence)
     */
    boolean read(short[] frame);

    /** A source that is silent for ever. */
    static PcmSource silence() {
        return frame -> {
            java.util.Arrays.fill(frame, (short) 0);
            return true;
        };
    }
}
