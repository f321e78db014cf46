package donna.audio.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import donna.audio.pcm.LevelMeter;
import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.PcmSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A microphone fed from code (a WAV file, silence) for the headless module: a pacing thread pushes one 10 ms frame
 * into a {@link CustomAudioSource} every 10 ms, the source's audio while live and silence otherwise.
 *
 * <p>Pushing is safe here because the headless module captures nothing: WebRTC's own capture thread would feed the
 * same send stream from a second thread, which aborts the process (upstream issues 118 and 217). The module's pull
 * callback ({@code setAudioSource}) is no alternative: in 0.14.0 the frames it pulls never reach a send stream (a
 * peer receives only silence), and it replaces the transport that drives the receive side.
 *
 * <p>A press wakes the pacer at once, so the first live frame goes out within a fraction of a millisecond instead of
 * at the next 10 ms tick.
 */
final class FedMicrophone implements Microphone {
    private static final Logger LOG = LoggerFactory.getLogger(FedMicrophone.class);
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(PcmFormat.FRAME_MILLIS);

    private final PcmSource source;
    private final CustomAudioSource audioSource = new CustomAudioSource();
    private final AudioTrack track;
    private final Thread pacer;
    private volatile boolean live;
    private volatile boolean running = true;
    private volatile long pressedAt;
    private volatile boolean pressPending;
    private volatile long pressToLiveNanos = -1;
    private volatile double level;

    FedMicrophone(PeerConnectionFactory factory, String trackId, PcmSource source) {
        this.source = source;
        this.track = factory.createAudioTrack(trackId, audioSource);
        this.pacer = Thread.ofPlatform().name("donna-mic-" + trackId).daemon().priority(Thread.MAX_PRIORITY)
                .start(this::pace);
    }

    @Override
    public AudioTrack track() {
        return track;
    }

    @Override
    public void setLive(boolean live) {
        if (live && !this.live) {
            pressedAt = System.nanoTime();
            pressPending = true;
            this.live = true;
            LockSupport.unpark(pacer);
        } else if (!live) {
            this.live = false;
        }
    }

    @Override
    public double level() {
        return level;
    }

    @Override
    public long pressToLiveNanos() {
        return pressToLiveNanos;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(pacer);
        try {
            pacer.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pace() {
        short[] frame = new short[PcmFormat.SAMPLES_PER_FRAME];
        byte[] bytes = new byte[PcmFormat.BYTES_PER_FRAME];
        ByteBuffer out = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long next = System.nanoTime();
        while (running) {
            boolean wasPress = pressPending;
            pressPending = false;
            if (live) {
                source.read(frame);
            } else {
                Arrays.fill(frame, (short) 0);
            }
            out.clear();
            out.asShortBuffer().put(frame);
            try {
                audioSource.pushAudio(bytes, 16, PcmFormat.SAMPLE_RATE, 1, PcmFormat.SAMPLES_PER_FRAME);
            } catch (RuntimeException e) {
                LOG.warn("microphone frame not delivered: {}", e.toString());
            }
            if (wasPress && live) {
                pressToLiveNanos = System.nanoTime() - pressedAt;
            }
            level = LevelMeter.reading(bytes);
            next = wasPress ? System.nanoTime() + FRAME_NANOS : next + FRAME_NANOS;
            waitUntil(next);
        }
    }

    /** Parks until the deadline, or until a press asks for a frame now. */
    private void waitUntil(long deadline) {
        long wait;
        while (running && !pressPending && (wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
