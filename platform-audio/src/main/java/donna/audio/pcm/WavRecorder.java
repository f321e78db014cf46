package donna.audio.pcm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Collects 16-bit mono frames (what DONNA said) in memory and writes them as one WAV file. Frames arrive on an audio
 * thread, so adding one is a copy under a lock and nothing more; the file is written on {@link #writeTo(Path)}. The
 * first frame fixes the sample rate; a frame at another rate is dropped rather than written at the wrong speed.
 */
public final class WavRecorder {
    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    private int sampleRate;
    private long dropped;

    /** Appends a frame of PCM16 little-endian mono audio at {@code rate} Hz. */
    public synchronized void append(byte[] frame, int rate) {
        if (sampleRate == 0) {
            sampleRate = rate;
        } else if (rate != sampleRate) {
            dropped++;
            return;
        }
        pcm.write(frame, 0, frame.length);
    }

    public synchronized long millis() {
        return sampleRate == 0 ? 0 : PcmFormat.millis(pcm.size() / 2, sampleRate);
    }

    /** Frames left out because their sample rate differed from the first frame's. */
    public synchronized long droppedFrames() {
        return dropped;
    }

    /** Writes everything recorded so far (creating parent folders); an empty recording is a valid, empty WAV. */
    public void writeTo(Path file) throws IOException {
        byte[] bytes;
        int rate;
        synchronized (this) {
            bytes = pcm.toByteArray();
            rate = sampleRate == 0 ? PcmFormat.SAMPLE_RATE : sampleRate;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format, bytes.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
