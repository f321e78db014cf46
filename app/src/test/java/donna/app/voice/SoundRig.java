package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.PcmSource;
import donna.audio.pcm.WavRecorder;
import donna.audio.pcm.WavSource;
import donna.audio.webrtc.WebRtcVoiceAudio;
import donna.core.voice.Pcm16;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportException;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.ToolAction;
import donna.core.voice.ToolStep;
import donna.core.voice.TransportListener;
import donna.core.voice.VoiceSessionListener;
import donna.core.voice.VoiceState;
import donna.core.voice.VoiceTranscript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sound side of the app's voice tests over the paths that carry audio themselves (the relay, the batch path):
 * a tone as the microphone fed to platform-audio's {@link WebRtcVoiceAudio}, the speaker a recorder pulled by
 * WebRTC's playout clock, what the session reported, and a WebRTC that cannot connect.
 */
final class SoundRig implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final Microphone microphone = new Microphone();
    final WavRecorder speaker = new WavRecorder();
    final WebRtcVoiceAudio audio = WebRtcVoiceAudio.fed(microphone, speaker);
    final Events events = new Events();
    final AtomicInteger webRtcAttempts = new AtomicInteger();

    /** WebRTC where UDP is blocked: counted, and the connect fails as the real one does when ICE finds no path. */
    RealtimeTransportFactory unreachableWebRtc() {
        return () -> {
            webRtcAttempts.incrementAndGet();
            return new Unreachable("the realtime connection timed out while opening the event channel");
        };
    }

    void awaitState(VoiceState state) {
        Awaits.until(WAIT, state + " (states so far " + events.states + ", last detail " + events.detail
                + ", notices " + events.notices + ")", () -> events.consume(state));
    }

    /** The speaker played {@code millis} (within a frame or two) of DONNA's audio, with the fake's energy. */
    void assertSpeakerPlayed(long atLeast, long atMost, Path dir) throws Exception {
        assertThat(speaker.millis()).as("recorded at the speaker").isBetween(atLeast, atMost);
        Path wav = dir.resolve("played.wav");
        speaker.writeTo(wav);
        WavSource recorded = WavSource.open(wav);
        short[] frame = new short[PcmFormat.SAMPLES_PER_FRAME];
        double energy = 0;
        int frames = 0;
        while (recorded.read(frame)) {
            double level = Pcm16.level(PcmFormat.bytes(frame, 0, frame.length));
            if (level > 0.01) {
                energy += level;
                frames++;
            }
        }
        assertThat(frames).as("frames with sound").isGreaterThan(0);
        assertThat(energy / frames).as("the answer's mean level where it sounds (the fake speaks at 0.21 RMS)")
                .isBetween(0.15, 0.25);
    }

    @Override
    public void close() {
        audio.close();
    }

    /** A 300 Hz tone while the test is "talking", silence otherwise, at 48 kHz like a device. */
    static final class Microphone implements PcmSource {
        volatile boolean talking;
        /** The tone's peak (default about -9 dBFS, a voice close to the microphone). */
        volatile int amplitude = 12_000;
        /** Samples of tone read so far (48 kHz). */
        final java.util.concurrent.atomic.AtomicLong spoken = new java.util.concurrent.atomic.AtomicLong();
        private long sample;

        @Override
        public boolean read(short[] frame) {
            boolean on = talking;
            for (int i = 0; i < frame.length; i++, sample++) {
                frame[i] = on ? (short) (amplitude * Math.sin(2 * Math.PI * 300 * sample / PcmFormat.SAMPLE_RATE))
                        : 0;
            }
            if (on) {
                spoken.addAndGet(frame.length);
            }
            return true;
        }

        /** Milliseconds of tone the devices have read. */
        long spokenMillis() {
            return spoken.get() * 1000 / PcmFormat.SAMPLE_RATE;
        }
    }

    /** A transport that never connects. */
    static final class Unreachable implements RealtimeTransport {
        private final String reason;

        Unreachable(String reason) {
            this.reason = reason;
        }

        @Override
        public void connect(RealtimeConnectRequest request, TransportListener listener) {
            throw new RealtimeTransportException(reason);
        }

        @Override
        public void send(String eventJson) {
        }

        @Override
        public void setMicrophoneLive(boolean live) {
        }

        @Override
        public long playedAudioMillis() {
            return 0;
        }

        @Override
        public double inputLevel() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    /** What the session reported; {@link #consume} takes states up to and including the one awaited. */
    static final class Events implements VoiceSessionListener {
        final List<VoiceState> states = new CopyOnWriteArrayList<>();
        final List<VoiceTranscript> transcripts = new CopyOnWriteArrayList<>();
        final List<String> notices = new CopyOnWriteArrayList<>();
        final List<ToolStep> steps = new CopyOnWriteArrayList<>();
        final List<ToolAction> actions = new CopyOnWriteArrayList<>();
        volatile String detail;
        volatile String chatId;
        volatile String path;

        synchronized boolean consume(VoiceState state) {
            int at = states.indexOf(state);
            if (at < 0) {
                return false;
            }
            states.subList(0, at + 1).clear();
            return true;
        }

        /** The finished lines, speaker and words. */
        List<String> finishedLines() {
            return transcripts.stream().filter(VoiceTranscript::done).map(t -> t.speaker() + ": " + t.text())
                    .toList();
        }

        @Override
        public void onState(VoiceState state, String stateDetail) {
            detail = stateDetail;
            states.add(state);
        }

        @Override
        public void onTranscript(VoiceTranscript transcript) {
            transcripts.add(transcript);
        }

        @Override
        public void onNotice(String message) {
            notices.add(message);
        }

        @Override
        public void onChatSession(String id) {
            chatId = id;
        }

        @Override
        public void onToolStep(ToolStep step) {
            steps.add(step);
        }

        @Override
        public void onToolAction(ToolAction action) {
            actions.add(action);
        }

        @Override
        public void onPath(String description) {
            path = description;
        }
    }
}
