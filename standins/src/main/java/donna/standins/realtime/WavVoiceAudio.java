package donna.standins.realtime;

import donna.core.voice.Pcm16;
import donna.core.voice.VoiceAudio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Sound devices without a sound card, in real time (20 ms frames): the microphone plays a WAV file or a tone while
 * {@link #talking talking}, silence otherwise; the speaker plays out queued audio at playback pace and records it
 * (to a WAV file if asked). For tests and headless runs of the WebSocket transport.
 */
public final class WavVoiceAudio implements VoiceAudio {
    public static final AudioFormat FORMAT = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
    private static final int FRAME_MS = 20;
    private static final int FRAME_BYTES = FRAME_MS * BYTES_PER_MS;

    private final byte[] source;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("wav-voice-audio").factory());
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private volatile Listener listener;
    private volatile boolean talking;
    private boolean started;
    private int sourceOffset;
    private long playedBytes;
    private long recordedVoiceBytes;

    private WavVoiceAudio(byte[] source) {
        this.source = source;
    }

    /** A microphone that says a steady 220 Hz tone while {@link #talking(boolean)} is on. */
    public static WavVoiceAudio tone() {
        return new WavVoiceAudio(Tone.voice(1000));
    }

    /** A microphone that says this WAV (24 kHz mono 16-bit PCM) while {@link #talking(boolean)} is on, looping. */
    public static WavVoiceAudio fromWav(Path wav) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getSampleRate() != SAMPLE_RATE || f.getChannels() != 1 || f.getSampleSizeInBits() != 16
                    || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.isBigEndian()) {
                throw new IllegalArgumentException(wav + " must be 24 kHz mono 16-bit little-endian PCM (is " + f + ")");
            }
            return new WavVoiceAudio(in.readAllBytes());
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(wav + " is not a WAV file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the microphone hears the source (true) or silence (false). */
    public WavVoiceAudio talking(boolean on) {
        talking = on;
        return this;
    }

    @Override
    public synchronized void start(Listener newListener) {
        this.listener = newListener; // a new transport takes over the devices
        if (!started) {
            started = true;
            clock.scheduleAtFixedRate(this::tick, FRAME_MS, FRAME_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void play(byte[] pcm) {
        queue.addLast(pcm.clone());
    }

    @Override
    public synchronized void clearPlayback() {
        queue.clear();
    }

    @Override
    public synchronized long playedMillis() {
        return Pcm16.millis(playedBytes);
    }

    /** Milliseconds of non-silent audio the speaker played. */
    public synchronized long playedVoiceMillis() {
        return Pcm16.millis(recordedVoiceBytes);
    }

    /** Everything the speaker played, as PCM. */
    public synchronized byte[] recording() {
        return recorded.toByteArray();
    }

    /** Writes what the speaker played as a WAV file. */
    public void writeRecording(Path wav) {
        byte[] pcm = recording();
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), FORMAT, pcm.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }

    /** One frame of time: a microphone frame out, a speaker frame played. */
    private void tick() {
        Listener l = listener;
        if (l == null) {
            return;
        }
        l.onMicrophoneFrame(microphoneFrame());
        byte[] played = speakerFrame();
        if (played.length > 0) {
            l.onPlayed(played);
        }
    }

    private byte[] microphoneFrame() {
        byte[] frame = new byte[FRAME_BYTES];
        if (talking && source.length > 0) {
            for (int i = 0; i < FRAME_BYTES; i++) {
                frame[i] = source[sourceOffset];
                sourceOffset = (sourceOffset + 1) % source.length;
            }
        }
        return frame;
    }

    private synchronized byte[] speakerFrame() {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(FRAME_BYTES);
        while (frame.size() < FRAME_BYTES && !queue.isEmpty()) {
            byte[] head = queue.pollFirst();
            int take = Math.min(head.length, FRAME_BYTES - frame.size());
            frame.write(head, 0, take);
            if (take < head.length) {
                byte[] rest = new byte[head.length - take];
                System.arraycopy(head, take, rest, 0, rest.length);
                queue.addFirst(rest);
            }
        }
        byte[] pcm = frame.toByteArray();
        playedBytes += pcm.length;
        recorded.write(pcm, 0, pcm.length);
        if (!Pcm16.silent(pcm)) {
            recordedVoiceBytes += pcm.length;
        }
        return pcm;
    }
}
