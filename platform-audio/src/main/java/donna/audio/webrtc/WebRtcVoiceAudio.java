package donna.audio.webrtc;

import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioProcessingStreamConfig;
import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.PcmSource;
import donna.audio.pcm.WavRecorder;
import donna.core.voice.VoiceAudio;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport's microphone and speaker on the same platform audio as the WebRTC transport: the
 * {@link WebRtcRuntime}'s audio layer and chosen devices, WebRTC's echo cancellation, noise suppression, gain
 * control and high-pass filter (the same configuration, fed DONNA's playback as the echo reference), and WebRTC's
 * resampler between the device rate (48 kHz) and the Realtime API's 24 kHz.
 *
 * <p>With sound devices, the microphone is captured by an audio device module of its own and the speaker is played by
 * another (one module cannot capture into Java and play from Java at once). Without them ({@link #fed}, or a system
 * runtime that fell back to headless), the microphone is a {@link PcmSource} paced every 10 ms, as WebRTC's fed
 * microphone is, and playback is pulled by WebRTC's headless playout clock, 10 ms every 10 ms, optionally into a
 * {@link WavRecorder}: "played" then means the same thing as on a device, in real time.
 *
 * <p>The devices run while a transport is attached: from {@link #start} until that transport {@link #detach}es (or
 * {@link #close}). Played time counts only DONNA's audio that the speaker actually pulled, which is what barge-in
 * truncation needs.
 */
public final class WebRtcVoiceAudio implements VoiceAudio {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcVoiceAudio.class);
    /** Bytes of one 10 ms frame at the API's rate. */
    private static final int API_FRAME_BYTES = SAMPLE_RATE / 100 * 2;

    private final Supplier<WebRtcRuntime> runtime;
    private final PcmSource feed;
    private final WavRecorder recorder;
    /** Guards the playback queue and count: held only for moments, by the playout thread too. */
    private final Object lock = new Object();
    /**
     * Guards opening and closing the devices, which may take a while: never {@link #lock}, since a module's start
     * may wait for its audio thread, and that thread takes {@link #lock}.
     */
    private final Object devicesLock = new Object();
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private volatile Listener listener;
    private Devices devices;
    private long playedBytes;

    private WebRtcVoiceAudio(Supplier<WebRtcRuntime> runtime, PcmSource feed, WavRecorder recorder) {
        this.runtime = runtime;
        this.feed = feed;
        this.recorder = recorder;
    }

    /**
     * The sound devices chosen in the Voice pane, through this process's system runtime (started at the first
     * connection, not here). Where there is no sound device the runtime is headless: the microphone is silent and
     * playback runs on WebRTC's clock into nothing, as on the WebRTC transport.
     */
    public static WebRtcVoiceAudio system() {
        return new WebRtcVoiceAudio(() -> WebRtcRuntime.start(AudioBackend.SYSTEM), null, null);
    }

    /**
     * No sound device: the microphone is {@code microphone} (48 kHz frames, as for WebRTC's fed microphone) and what
     * is played goes to {@code speaker} at 48 kHz (null for nowhere), pulled by WebRTC's headless playout clock.
     */
    public static WebRtcVoiceAudio fed(PcmSource microphone, WavRecorder speaker) {
        return new WebRtcVoiceAudio(() -> WebRtcRuntime.start(AudioBackend.HEADLESS), microphone, speaker);
    }

    @Override
    public void start(Listener newListener) {
        synchronized (devicesLock) {
            listener = newListener; // a new transport takes over the devices
            if (devices == null) {
                devices = open(runtime.get());
            }
        }
    }

    /** The transport that attached {@code leaving} is done: the devices stop unless another one took over. */
    @Override
    public void detach(Listener leaving) {
        synchronized (devicesLock) {
            if (listener != leaving) {
                return;
            }
            listener = null;
            clearPlayback();
            if (devices != null) {
                devices.close();
                devices = null;
            }
        }
    }

    @Override
    public void play(byte[] pcm) {
        synchronized (lock) {
            queue.addLast(pcm.clone());
        }
    }

    @Override
    public void clearPlayback() {
        synchronized (lock) {
            queue.clear();
        }
    }

    @Override
    public long playedMillis() {
        synchronized (lock) {
            return playedBytes / BYTES_PER_MS;
        }
    }

    @Override
    public void close() {
        Listener current = listener;
        detach(current);
    }

    private Devices open(WebRtcRuntime stack) {
        boolean onDevices = feed == null && stack.backend() == AudioBackend.SYSTEM;
        if (feed == null && !onDevices) {
            LOG.warn("WebSocket voice without a sound device{}: the microphone is silent",
                    stack.fallbackReason().map(r -> " (" + r + ")").orElse(""));
        }
        Devices opened = new Devices(onDevices ? WebRtcRuntime.voiceProcessing() : null);
        try {
            opened.playout = stack.openPlayout(opened::playbackData);
            if (onDevices) {
                opened.capture = stack.openCapture((data, frames, bytesPerFrame, channels, rate, delay, drift) ->
                        opened.recorded(data, frames, channels, rate, delay));
            } else {
                opened.pacer = new PacedMicrophone(feed == null ? PcmSource.silence() : feed, opened::fedFrame);
            }
            return opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Takes the next 10 ms of queued audio at the API's rate; the played count moves by what was really there. */
    private byte[] nextPlayback() {
        byte[] frame = new byte[API_FRAME_BYTES];
        int filled = 0;
        synchronized (lock) {
            while (filled < frame.length && !queue.isEmpty()) {
                byte[] head = queue.pollFirst();
                int take = Math.min(head.length, frame.length - filled);
                System.arraycopy(head, 0, frame, filled, take);
                filled += take;
                if (take < head.length) {
                    byte[] rest = new byte[head.length - take];
                    System.arraycopy(head, take, rest, 0, rest.length);
                    queue.addFirst(rest);
                }
            }
            playedBytes += filled;
        }
        if (filled == 0) {
            return null;
        }
        Listener l = listener;
        if (l != null) {
            byte[] played = new byte[filled];
            System.arraycopy(frame, 0, played, 0, filled);
            l.onPlayed(played);
        }
        return frame;
    }

    /** One attachment's open devices, resamplers and voice processing. */
    private final class Devices {
        private final AudioProcessing processing;
        private PcmResampler toApi;
        private PcmResampler toSpeaker;
        volatile AudioDeviceModuleBase playout;
        volatile AudioDeviceModuleBase capture;
        volatile PacedMicrophone pacer;
        private volatile boolean closed;

        Devices(AudioProcessing processing) {
            this.processing = processing;
        }

        /** The playout module asks for 10 ms: DONNA's audio if any is queued, else silence. */
        int playbackData(byte[] buffer, int frames, int bytesPerFrame, int channels, int rate) {
            byte[] api = closed || frames != rate / 100 ? null : nextPlayback();
            byte[] mono = new byte[frames * 2];
            if (api != null) {
                if (toSpeaker == null || toSpeaker.toRate() != rate) {
                    toSpeaker = replace(toSpeaker, SAMPLE_RATE, rate);
                }
                byte[] converted = toSpeaker.convert(api);
                System.arraycopy(converted, 0, mono, 0, Math.min(mono.length, converted.length));
                if (recorder != null) {
                    recorder.append(mono, rate);
                }
            }
            if (processing != null) {
                AudioProcessingStreamConfig config = new AudioProcessingStreamConfig(rate, 1);
                processing.processReverseStream(mono, config, config, new byte[mono.length]); // the echo reference
            }
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    int at = (i * channels + c) * 2;
                    if (at + 1 < buffer.length) {
                        buffer[at] = mono[2 * i];
                        buffer[at + 1] = mono[2 * i + 1];
                    }
                }
            }
            return frames;
        }

        /** The capture module delivered 10 ms from the microphone. */
        void recorded(byte[] data, int frames, int channels, int rate, int delayMillis) {
            if (closed || frames != rate / 100) {
                return;
            }
            byte[] mono = Mono.of(data, channels, frames);
            if (processing != null) {
                AudioProcessingStreamConfig config = new AudioProcessingStreamConfig(rate, 1);
                byte[] cleaned = new byte[mono.length];
                processing.setStreamDelayMs(delayMillis);
                if (processing.processStream(mono, config, config, cleaned) == 0) {
                    mono = cleaned;
                }
            }
            deliver(mono, rate);
        }

        /** The paced microphone's next 10 ms at 48 kHz. */
        void fedFrame(byte[] frame) {
            if (!closed) {
                deliver(frame, PcmFormat.SAMPLE_RATE);
            }
        }

        private void deliver(byte[] mono, int rate) {
            if (toApi == null || toApi.fromRate() != rate) {
                toApi = replace(toApi, rate, SAMPLE_RATE);
            }
            byte[] api = toApi.convert(mono);
            Listener l = listener;
            if (l != null) {
                l.onMicrophoneFrame(api);
            }
        }

        void close() {
            closed = true;
            PacedMicrophone fed = pacer;
            if (fed != null) {
                fed.close();
            }
            AudioDeviceModuleBase in = capture;
            if (in != null) {
                in.stopRecording();
                in.dispose();
            }
            AudioDeviceModuleBase out = playout;
            if (out != null) {
                out.stopPlayout();
                out.dispose();
            }
            // Stopped modules and a joined pacer call nothing more: the native helpers can go.
            if (toApi != null) {
                toApi.close();
            }
            if (toSpeaker != null) {
                toSpeaker.close();
            }
            if (processing != null) {
                processing.dispose();
            }
        }

        private static PcmResampler replace(PcmResampler old, int from, int to) {
            if (old != null) {
                old.close();
            }
            return new PcmResampler(from, to);
        }
    }
}
