package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.PcmSource;
import donna.audio.pcm.WavRecorder;
import donna.audio.pcm.WavSource;
import donna.audio.webrtc.WebRtcVoiceAudio;
import donna.core.chat.ChatMessage;
import donna.core.voice.Pcm16;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportException;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.TransportListener;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import donna.core.voice.VoiceState;
import donna.core.voice.VoiceTranscript;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.FakeRealtime;
import donna.standins.realtime.FakeRealtimeConversation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real sound over the WebSocket transport in the app's own wiring ({@link VoiceTransportWiring}, as
 * {@code DonnaApp} builds it): the microphone is a tone fed to platform-audio's {@link WebRtcVoiceAudio} the way the
 * WebRTC tests feed theirs, its 24 kHz frames reach the fake Realtime API as {@code input_audio_buffer.append}, and
 * DONNA's {@code response.output_audio.delta} audio is pulled by WebRTC's playout clock into a recorder. Both when
 * {@code DONNA_VOICE_TRANSPORT=websocket} forces it and when WebRTC cannot connect.
 */
class TestVoiceOverWebSocket {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeOpenAi openAi = FakeOpenAi.start();
    private static final FakeRealtime realtime = openAi.realtime();
    @RegisterExtension
    static final VoiceService service = new VoiceService(openAi);

    @TempDir
    Path dir;

    private final Microphone microphone = new Microphone();
    private final WavRecorder speaker = new WavRecorder();
    private final WebRtcVoiceAudio audio = WebRtcVoiceAudio.fed(microphone, speaker);
    private final Recorder events = new Recorder();
    private final AtomicInteger webRtcAttempts = new AtomicInteger();
    private VoiceSession session;
    private volatile double levelWhileTalking;

    @BeforeEach
    void reset() {
        realtime.reset();
    }

    @AfterEach
    void close() {
        service.closeSession();
        audio.close();
    }

    @Test
    void forcedWebSocketCarriesTheMicrophoneToTheModelAndHerAnswerToTheSpeaker() throws Exception {
        connect("websocket");
        realtime.answer("Two meetings today.", Duration.ofMillis(800));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);

        talk(brain, Duration.ofMillis(600));
        brain.awaitReceived("response.create", WAIT);

        assertThat(webRtcAttempts).as("WebRTC was not tried").hasValue(0);
        assertThat(brain.audioPath()).hasToString("EVENTS");
        assertThat(brain.voiceMillis()).as("the tone reached the model as appended audio").isBetween(600L, 1_000L);
        List<String> turn = brain.receivedTypes();
        assertThat(turn).contains("input_audio_buffer.append");
        assertThat(turn.lastIndexOf("input_audio_buffer.append")).isLessThan(turn.indexOf("input_audio_buffer.commit"));
        assertThat(levelWhileTalking).as("the meter showed the tone at -11.7 dBFS, on WebRTC's scale")
                .isBetween(0.77, 0.84);

        awaitState(VoiceState.SPEAKING);
        awaitState(VoiceState.READY);
        assertSpeakerPlayed(800);
        Awaits.until(WAIT, "both transcripts saved", () -> events.chatId != null && history().size() == 2);
        assertThat(history().get(1).content()).isEqualTo("Two meetings today.");
    }

    @Test
    void whenWebRtcCannotConnectTheFallbackHasSoundToo() throws Exception {
        connect(null);
        realtime.answer("Still here.", Duration.ofMillis(500));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);

        talk(brain, Duration.ofMillis(400));
        brain.awaitReceived("response.create", WAIT);
        awaitState(VoiceState.SPEAKING);
        awaitState(VoiceState.READY);

        assertThat(webRtcAttempts).as("WebRTC was tried first").hasValue(1);
        assertThat(brain.voiceMillis()).isBetween(400L, 800L);
        assertSpeakerPlayed(500);
    }

    @Test
    void talkingOverDonnaTruncatesHerToWhatTheSpeakerPlayed() {
        connect("websocket");
        realtime.answer("A long answer that goes on and on for quite a while.", Duration.ofSeconds(4));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);
        talk(brain, Duration.ofMillis(400));
        awaitState(VoiceState.SPEAKING);
        Awaits.until(WAIT, "a second of her answer played", () -> audio.playedMillis() >= 1_000);

        long playedAtPress = audio.playedMillis();
        session.press();
        awaitState(VoiceState.LISTENING);

        long end = brain.awaitReceived("conversation.item.truncate", WAIT).json().path("audio_end_ms").asLong();
        // The session takes its baseline when told her audio started, which the transport learns from the speaker
        // pulling the first 10 ms frame: the truncate may be short by that frame (or two), never more.
        assertThat(end).as("truncated where the speaker was").isBetween(playedAtPress - 20, playedAtPress + 100);
        Awaits.until(WAIT, "the model applied the truncate",
                () -> brain.items().stream().anyMatch(i -> i.truncatedAtMs() == end));
        long afterStop = audio.playedMillis();
        long recordedAfterStop = speaker.millis();
        long heldSoFar = brain.microphoneMillis();
        Awaits.until(WAIT, "300 ms more of the held key", () -> brain.microphoneMillis() >= heldSoFar + 300);
        assertThat(audio.playedMillis()).as("her voice stopped").isEqualTo(afterStop);
        assertThat(speaker.millis()).isEqualTo(recordedAfterStop);
        assertThat(afterStop).as("nothing queued played after the press").isLessThan(end + 50);
        session.release();
        assertThat(brain.sentTypes()).doesNotContain("error");
    }

    @Test
    void aDroppedSocketReconnectsAndTheDevicesCarrySoundAgain() throws Exception {
        connect("websocket");
        realtime.answer("First.", Duration.ofMillis(300));
        talk(realtime.awaitConversation(1, WAIT), Duration.ofMillis(300));
        awaitState(VoiceState.SPEAKING);
        awaitState(VoiceState.READY);
        long playedBefore = audio.playedMillis();

        realtime.dropConnections();
        awaitState(VoiceState.RECONNECTING);
        awaitState(VoiceState.READY);

        FakeRealtimeConversation second = realtime.awaitConversation(2, WAIT);
        realtime.answer("Second.", Duration.ofMillis(400));
        talk(second, Duration.ofMillis(300));
        awaitState(VoiceState.SPEAKING);
        awaitState(VoiceState.READY);
        assertThat(second.voiceMillis()).as("the microphone reached the new connection").isBetween(300L, 600L);
        assertThat(audio.playedMillis() - playedBefore).as("her second answer was played").isEqualTo(400);
    }

    /** The app's wiring, with a WebRTC that never connects (it would need a network path the test does not have). */
    private void connect(String setting) {
        RealtimeTransportFactory webRtc = () -> {
            webRtcAttempts.incrementAndGet();
            return new UnreachableWebRtc();
        };
        session = service.connect(VoiceTransportWiring.transports(setting, webRtc, audio), events);
        awaitState(VoiceState.READY);
    }

    /** Holds the key while the microphone plays its tone, until the model heard {@code held} of it. */
    private void talk(FakeRealtimeConversation brain, Duration held) {
        long before = brain.voiceMillis();
        microphone.talking = true;
        session.press();
        awaitState(VoiceState.LISTENING);
        brain.awaitVoice(before + held.toMillis(), WAIT);
        levelWhileTalking = session.inputLevel();
        microphone.talking = false;
        session.release();
    }

    /** The speaker played {@code millis} of DONNA's audio: the fake's tone, with its energy, at 48 kHz. */
    private void assertSpeakerPlayed(long millis) throws Exception {
        assertThat(audio.playedMillis()).as("played count at 24 kHz").isEqualTo(millis);
        assertThat(speaker.millis()).as("recorded at the speaker").isBetween(millis, millis + 10);
        Path wav = dir.resolve("played.wav");
        speaker.writeTo(wav);
        WavSource recorded = WavSource.open(wav);
        assertThat(recorded.durationMillis()).isEqualTo(speaker.millis());
        short[] frame = new short[PcmFormat.SAMPLES_PER_FRAME];
        double energy = 0;
        int frames = 0;
        while (recorded.read(frame)) {
            energy += Pcm16.level(PcmFormat.bytes(frame, 0, frame.length));
            frames++;
        }
        assertThat(energy / frames).as("the answer's mean level at the speaker (the fake speaks at 0.21 RMS)")
                .isBetween(0.15, 0.25);
    }

    private List<ChatMessage> history() {
        return service.history(events.chatId);
    }

    private void awaitState(VoiceState state) {
        Awaits.until(WAIT, state + " (states so far " + events.states + ", last detail " + events.detail + ")",
                () -> events.consume(state));
    }

    /** A 300 Hz tone while the test is "talking", silence otherwise, at 48 kHz like a device. */
    private static final class Microphone implements PcmSource {
        volatile boolean talking;
        private long sample;

        @Override
        public boolean read(short[] frame) {
            for (int i = 0; i < frame.length; i++, sample++) {
                frame[i] = talking ? (short) (12_000 * Math.sin(2 * Math.PI * 300 * sample / PcmFormat.SAMPLE_RATE))
                        : 0;
            }
            return true;
        }
    }

    /** WebRTC where UDP is blocked: the connect fails, as the real one does when ICE finds no path. */
    private static final class UnreachableWebRtc implements RealtimeTransport {
        @Override
        public void connect(RealtimeConnectRequest request, TransportListener listener) {
            throw new RealtimeTransportException("the realtime connection timed out while opening the event channel");
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
    private static final class Recorder implements VoiceSessionListener {
        final List<VoiceState> states = new CopyOnWriteArrayList<>();
        volatile String detail;
        volatile String chatId;

        synchronized boolean consume(VoiceState state) {
            int at = states.indexOf(state);
            if (at < 0) {
                return false;
            }
            states.subList(0, at + 1).clear();
            return true;
        }

        @Override
        public void onState(VoiceState state, String stateDetail) {
            detail = stateDetail;
            states.add(state);
        }

        @Override
        public void onTranscript(VoiceTranscript transcript) {
        }

        @Override
        public void onNotice(String message) {
        }

        @Override
        public void onChatSession(String id) {
            chatId = id;
        }
    }
}
