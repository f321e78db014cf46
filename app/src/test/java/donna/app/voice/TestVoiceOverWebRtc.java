package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.PcmSource;
import donna.audio.pcm.WavRecorder;
import donna.audio.webrtc.AudioBackend;
import donna.audio.webrtc.WebRtcRuntime;
import donna.audio.webrtc.WebRtcTransport;
import donna.core.chat.ChatMessage;
import donna.core.voice.ToolResult;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import donna.core.voice.VoiceState;
import donna.core.voice.VoiceTranscript;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.ConversationItem;
import donna.standins.realtime.FakeRealtime;
import donna.standins.realtime.FakeRealtimeConversation;
import donna.standins.realtime.ToolExchange;
import donna.standins.realtime.WebRtcPeer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Voice end to end over WebRTC, with no sound card: the bundled companion service (embedded Postgres) mints the
 * secrets at the fake OpenAI, the session connects its {@link WebRtcTransport} (headless WebRTC, a tone for a
 * microphone) to the fake's WebRTC peer and brain, and the transcripts land in the service's chat history.
 */
class TestVoiceOverWebRtc {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeOpenAi openAi = FakeOpenAi.start();
    private static final FakeRealtime realtime = openAi.realtime().callsHandler(new WebRtcPeer());
    @RegisterExtension
    static final VoiceService service = new VoiceService(openAi);

    private final Microphone microphone = new Microphone();
    private final WavRecorder speaker = new WavRecorder();
    private final WebRtcRuntime runtime = WebRtcRuntime.start(AudioBackend.HEADLESS);
    private final States states = new States();
    private volatile WebRtcTransport transport;
    private VoiceSession session;
    private final List<String> toolRuns = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() {
        realtime.reset();
        service.tools((name, args, callId, chatId, userItemId) -> {
            toolRuns.add(name + " " + args + " " + userItemId);
            return CompletableFuture.completedFuture(new ToolResult("{\"unread\":2}", null, null, "2 unread"));
        });
        session = service.connect(() -> transport = new WebRtcTransport(runtime, microphone, speaker), states);
        states.await(VoiceState.READY);
    }

    @Test
    void aPushToTalkTurnCarriesTheVoiceBothWaysAndLandsInTheHistory() {
        realtime.answer("Two meetings today.", Duration.ofMillis(800));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);
        assertThat(brain.turnDetection()).as("push-to-talk turned server detection off").isNull();

        talk(Duration.ofMillis(600));
        brain.awaitReceived("response.create", WAIT);

        assertThat(brain.voiceMillis()).as("the microphone's audio reached the peer").isBetween(600L, 1_000L);
        List<String> turn = brain.receivedTypes();
        assertThat(turn).doesNotContain("input_audio_buffer.append"); // the audio went as media
        assertThat(turn.indexOf("input_audio_buffer.commit")).isLessThan(turn.indexOf("response.create"));
        states.await(VoiceState.SPEAKING);
        states.await(VoiceState.READY);
        assertThat(speaker.millis()).as("DONNA's audio reached playback").isBetween(740L, 920L);
        assertThat(transport.playedAudioMillis()).isEqualTo(speaker.millis());

        await().atMost(WAIT).until(() -> history().size() == 2);
        List<ChatMessage> history = history();
        assertThat(history).extracting(ChatMessage::role).containsExactly("user", "assistant");
        assertThat(history.getFirst().content()).matches("I spoke for 0\\.[6-9] seconds\\.");
        assertThat(history.get(1).content()).isEqualTo("Two meetings today.");
        assertThat(history).extracting(ChatMessage::source).containsOnly("voice");
    }

    @Test
    void aFunctionCallIsAnsweredOnTheDataChannelAndDonnaSpeaksTheResult() {
        realtime.callTool("inbox_summary", "{}").answer("You have two unread mails.", Duration.ofMillis(500));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);

        talk(Duration.ofMillis(400));
        await().atMost(WAIT).until(() -> brain.receivedTypes().stream().filter("response.create"::equals).count() == 2);

        List<String> turn = brain.receivedTypes();
        assertThat(turn.subList(turn.indexOf("input_audio_buffer.commit"), turn.size())).containsExactly(
                "input_audio_buffer.commit", "response.create", "conversation.item.create", "response.create");
        assertThat(brain.toolCalls()).extracting(ToolExchange::output).containsExactly("{\"unread\":2}");
        assertThat(toolRuns).containsExactly("inbox_summary {} " + brain.items().getFirst().id());
        states.await(VoiceState.SPEAKING);
        states.await(VoiceState.READY);
        await().atMost(WAIT).until(() -> history().size() == 2);
        assertThat(history().get(1).content()).isEqualTo("You have two unread mails.");
    }

    @Test
    void talkingOverDonnaStopsHerAndTruncatesToWhatWasPlayed() throws InterruptedException {
        realtime.answer("A long answer that goes on and on for quite a while.", Duration.ofSeconds(4));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);
        talk(Duration.ofMillis(400));
        states.await(VoiceState.SPEAKING);
        await().atMost(WAIT).until(() -> transport.playedAudioMillis() >= 1_000);

        long playedAtPress = transport.playedAudioMillis();
        session.press();
        states.await(VoiceState.LISTENING);

        long end = brain.awaitReceived("conversation.item.truncate", WAIT).json().path("audio_end_ms").asLong();
        assertThat(end).isBetween(playedAtPress - 20, playedAtPress + 100);
        assertThat(brain.receivedTypes()).contains("output_audio_buffer.clear");
        await().atMost(WAIT).until(() -> brain.items().stream().anyMatch(i -> i.truncatedAtMs() == end));
        assertThat(transport.awaitPlaybackQuiet(WAIT)).as("her voice stopped").isTrue();
        assertThat(transport.playedAudioMillis()).as("only what was in flight played after the press")
                .isLessThan(playedAtPress + 300);
        session.release(); // a press without speech: ignored
        assertThat(brain.sentTypes()).contains("output_audio_buffer.cleared").doesNotContain("error");
    }

    @Test
    void aDroppedConnectionReconnectsAndDonnaRemembersTheConversation() {
        realtime.hear("My name is Ada.").answer("Nice to meet you, Ada.", Duration.ofMillis(500));
        realtime.awaitConversation(1, WAIT);
        talk(Duration.ofMillis(400));
        await().atMost(WAIT).until(() -> history().size() == 2);
        states.await(VoiceState.READY);

        realtime.dropConnections();

        states.await(VoiceState.RECONNECTING);
        states.await(VoiceState.READY);
        FakeRealtimeConversation second = realtime.awaitConversation(2, WAIT);
        assertThat(second.audioPath()).as("reconnected over WebRTC").hasToString("MEDIA");
        await().atMost(WAIT).until(() -> second.items().size() == 2);
        assertThat(second.items()).extracting(ConversationItem::text)
                .containsExactly("My name is Ada.", "Nice to meet you, Ada.");

        realtime.hear("What is my name?").answer("Your name is Ada.", Duration.ofMillis(400));
        talk(Duration.ofMillis(300));
        states.await(VoiceState.SPEAKING);
        await().atMost(WAIT).until(() -> history().size() == 4);
        assertThat(history().get(3).content()).isEqualTo("Your name is Ada.");
    }

    /** Holds the key while the microphone plays a tone, until the peer heard {@code held} of it. */
    private void talk(Duration held) {
        FakeRealtimeConversation brain = realtime.conversations().getLast();
        long before = brain.voiceMillis();
        microphone.talking = true;
        session.press();
        states.await(VoiceState.LISTENING);
        await().atMost(WAIT).until(() -> brain.voiceMillis() - before >= held.toMillis());
        microphone.talking = false;
        session.release();
    }

    private List<ChatMessage> history() {
        return service.history(states.chatId);
    }

    /** A microphone that hears a 300 Hz tone while the test is "talking", silence otherwise. */
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

    /** The session's states as a queue: each await takes states up to and including the one awaited. */
    private static final class States implements VoiceSessionListener {
        private final BlockingQueue<VoiceState> seen = new LinkedBlockingQueue<>();
        volatile String chatId;

        void await(VoiceState wanted) {
            try {
                long deadline = System.nanoTime() + WAIT.toNanos();
                VoiceState next;
                do {
                    next = seen.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    assertThat(next).as("state %s within %s", wanted, WAIT).isNotNull();
                } while (next != wanted);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void onState(VoiceState state, String detail) {
            seen.add(state);
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
