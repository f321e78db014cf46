package donna.audio.webrtc;

import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.PcmSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A microphone fed from code for audio that goes out through Java (the WebSocket transport): a pacing thread reads
 * one 10 ms frame (48 kHz mono) from the source every 10 ms, on an absolute schedule so the rate does not drift,
 * and hands it on as PCM16 little-endian bytes. The source is read all the time, as a device is; the transport's
 * push-to-talk gate decides what is sent.
 */
final class PacedMicrophone implements AutoCloseable {
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(PcmFormat.FRAME_MILLIS);

    private final PcmSource source;
    private final Consumer<byte[]> frames;
    private final Thread pacer;
    private volatile boolean running = true;

    PacedMicrophone(PcmSource source, Consumer<byte[]> frames) {
        this.source = source;
        this.frames = frames;
        this.pacer = Thread.ofPlatform().name("donna-ws-mic").daemon().priority(Thread.MAX_PRIORITY)
                .start(this::pace);
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(pacer);
        if (Thread.currentThread() != pacer) {
            try {
                pacer.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pace() {
        short[] frame = new short[PcmFormat.SAMPLES_PER_FRAME];
        long next = System.nanoTime() + FRAME_NANOS;
        while (running) {
            long wait;
            while (running && (wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!running) {
                return;
            }
            source.read(frame);
            frames.accept(PcmFormat.bytes(frame, 0, frame.length));
            next += FRAME_NANOS;
        }
    }
}
