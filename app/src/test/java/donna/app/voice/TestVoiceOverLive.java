package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.PcmSource;
import donna.audio.pcm.WavRecorder;
import donna.audio.webrtc.AudioBackend;
import donna.audio.webrtc.WebRtcRuntime;
import donna.audio.webrtc.WebRtcTransport;
import donna.core.api.MemoryEntry;
import donna.core.chat.ChatMessage;
import donna.core.chat.Profile;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.ToolAction;
import donna.core.voice.ToolRunner;
import donna.core.voice.ToolStep;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import donna.core.voice.VoiceState;
import donna.core.voice.VoiceTranscript;
import donna.core.voice.live.EngineTransports;
import donna.core.voice.live.LiveEventCodec;
import donna.core.voice.live.VoiceEngine;
import donna.standins.live.FakeLive;
import donna.standins.live.FakeLiveConversation;
import donna.standins.openai.Endpoint;
import donna.standins.openai.FakeOpenAi;
import donna.standins.openai.Failure;
import donna.standins.realtime.FakeRealtime;
import donna.standins.realtime.ReceivedEvent;
import donna.standins.realtime.WebRtcPeer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GPT-Live end to end (issue 16), no sound card: the bundled service creates the Live session at the fake OpenAI with
 * its own key, the app's WebRTC transport (headless, a tone for a microphone) connects to the fake's peer and speaks
 * Live's events through the codec, a delegated turn runs as a typed turn with the registry's tools, and the result
 * goes back as Live expects it ({@code session.commentary.append}); DONNA speaks it and the Voice pane shows it.
 */
class TestVoiceOverLive {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeOpenAi openAi = FakeOpenAi.start();
    private static final WebRtcPeer PEER = new WebRtcPeer();
    private static final FakeRealtime realtime = openAi.realtime().callsHandler(PEER);
    @RegisterExtension
    static final VoiceService service = new VoiceService(openAi);

    private final Microphone microphone = new Microphone();
    private final WavRecorder speaker = new WavRecorder();
    private final WebRtcRuntime runtime = WebRtcRuntime.start(AudioBackend.HEADLESS);
    private final Listener listener = new Listener();
    private VoiceSession session;

    private static FakeLive live() {
        return openAi.live();
    }

    @BeforeEach
    void reset() {
        openAi.reset();
        live().peer(PEER);
        service.tools(new LiveDelegationRunner(ToolRunner.unavailable(), service::client, () -> Profile.GENERAL));
    }

    private void connect() {
        RealtimeTransportFactory realtimeTransports = () -> new WebRtcTransport(runtime, microphone, speaker);
        RealtimeTransportFactory engines = VoiceTransportWiring.withEngine(() -> VoiceEngine.LIVE, realtimeTransports,
                exchange -> new WebRtcTransport(runtime, microphone, speaker, exchange), service::client,
                () -> Profile.GENERAL);
        session = service.connect(engines, listener);
    }

    @Test
    void aSpokenTurnThatNeedsAToolRunsThroughClientDelegationAndDonnaSpeaksTheResult() {
        live().hear("Remember that my favourite colour is green").delegate();
        openAi.replyWithFunctionCall("remember", "{\"key\":\"favourite colour\",\"value\":\"green\"}")
                .replyWith("Noted: your favourite colour is green.");
        connect();
        listener.await(VoiceState.READY);
        FakeLiveConversation brain = live().awaitConversation(1, WAIT);
        assertThat(live().requests().getLast().path("session").path("delegation").path("type").asText())
                .isEqualTo("client");

        talk(Duration.ofMillis(500), brain);

        ReceivedEvent result = brain.awaitReceived("session.commentary.append", WAIT);
        String delegationId = brain.awaitSent("session.delegation.created", WAIT).path("delegation").path("id")
                .asText();
        assertThat(result.json().path("delegation_id").asText()).isEqualTo(delegationId);
        assertThat(result.json().path("content").asText()).isEqualTo("Noted: your favourite colour is green.");
        assertThat(brain.voiceMillis()).as("the microphone reached Live as media").isGreaterThanOrEqualTo(500);
        assertThat(service.client().memory()).extracting(MemoryEntry::key).contains("favourite colour");
        assertThat(openAi.lastRequest(Endpoint.RESPONSES).body().toString())
                .as("the typed turn got the person's words").contains("Remember that my favourite colour is green");

        listener.await(VoiceState.SPEAKING);
        listener.await(VoiceState.READY);
        await().atMost(WAIT).until(() -> speaker.millis() > 1_000);
        assertThat(listener.steps).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo(LiveEventCodec.DELEGATION_TOOL);
            assertThat(s.status()).isEqualTo(ToolStep.Status.DONE);
        });
        assertThat(listener.actions).extracting(ToolAction::type).contains("memory_saved");
        await().atMost(WAIT).until(() -> listener.finals().contains("Noted: your favourite colour is green."));
        assertThat(listener.finals()).contains("Remember that my favourite colour is green");
        assertThat(brain.sentTypes()).doesNotContain("error");

        // A turn Live answers itself goes into the chat the typed turn started, after it.
        live().hear("Thanks").answer("You're welcome.");
        talk(Duration.ofMillis(400), brain);
        await().atMost(WAIT).until(() -> listener.finals().contains("You're welcome."));
        assertThat(listener.chatIds).as("one chat for the conversation").hasSize(1);
        String chatId = listener.chatIds.getFirst();
        await().atMost(WAIT).until(() -> service.client().messages(chatId, 50, null).messages().size() >= 4);

        List<ChatMessage> history = service.client().messages(chatId, 50, null).messages();
        assertThat(history).as("each spoken turn once").extracting(ChatMessage::role, ChatMessage::content)
                .containsExactly(tuple("user", "Remember that my favourite colour is green"),
                        tuple("assistant", "Noted: your favourite colour is green."),
                        tuple("user", "Thanks"), tuple("assistant", "You're welcome."));
        assertThat(history.get(1).toolSteps()).as("the delegated turn keeps its steps")
                .extracting(donna.core.tools.ToolStep::name).containsExactly("remember");
        assertThat(service.client().sessions(20, 0, "favourite colour").sessions())
                .as("no other chat has the words").extracting(donna.core.chat.SessionSummary::chatId)
                .containsExactly(chatId);
    }

    @Test
    void aDelegationThatFailsIsToldToLiveAsNothingDoneAndDonnaSaysSo() {
        live().hear("Summarise my inbox").delegate();
        openAi.failNext(Endpoint.RESPONSES, 20, Failure.serverError());
        connect();
        listener.await(VoiceState.READY);
        FakeLiveConversation brain = live().awaitConversation(1, WAIT);

        talk(Duration.ofMillis(400), brain);

        JsonNode result = brain.awaitReceived("session.commentary.append", WAIT).json();
        assertThat(result.path("content").asText()).startsWith("That did not work:").endsWith("Nothing was done.");
        await().atMost(WAIT).until(() -> listener.steps.stream().anyMatch(s -> s.status() == ToolStep.Status.FAILED));
        await().atMost(WAIT).until(() -> listener.finals().stream().anyMatch(t -> t.startsWith("That did not work")));
        assertThat(listener.actions).isEmpty();
    }

    @Test
    void pressingWhileDonnaSpeaksSilencesHerAtOnceAndHerNextAnswerIsHeard() {
        live().hear("Tell me a story").answer("Once upon a time there was a very long story.", Duration.ofSeconds(3));
        connect();
        listener.await(VoiceState.READY);
        FakeLiveConversation brain = live().awaitConversation(1, WAIT);
        talk(Duration.ofMillis(400), brain);
        listener.await(VoiceState.SPEAKING);
        await().atMost(WAIT).until(() -> speaker.millis() >= 300);

        session.press(); // the microphone hears nothing: Live, which stops when it hears the person, talks on
        listener.await(VoiceState.LISTENING);
        long heard = speaker.millis();
        brain.awaitSent("session.usage.updated", WAIT); // Live said the whole answer

        assertThat(speaker.millis()).as("none of the rest was played").isLessThanOrEqualTo(heard + 20);
        assertThat(listener.finals()).as("the rest is not shown as a new answer")
                .noneMatch(t -> t.endsWith("long story."));
        session.release();
        listener.await(VoiceState.READY);

        live().hear("Stop").answer("Okay, stopping.");
        talk(Duration.ofMillis(400), brain);
        await().atMost(WAIT).until(() -> listener.finals().contains("Okay, stopping."));
        await().atMost(WAIT).until(() -> speaker.millis() >= heard + 500); // her next answer is heard
    }

    @Test
    void anAccountWithoutLiveIsToldSoAndTheSameConnectionUsesRealtime() {
        live().denyAccess();
        realtime.answer("Hello from Realtime.", Duration.ofMillis(400));

        connect();

        listener.await(VoiceState.READY);
        assertThat(listener.notices).contains(EngineTransports.LIVE_REFUSED);
        assertThat(realtime.awaitConversation(1, WAIT).audioPath()).hasToString("MEDIA");
        assertThat(live().conversations()).isEmpty();
        assertThat(live().requests()).as("Live was asked once").hasSize(1);
    }

    /** Holds the key while the microphone plays a tone, until Live heard {@code held} of it. */
    private void talk(Duration held, FakeLiveConversation brain) {
        long before = brain.voiceMillis();
        microphone.talking = true;
        session.press();
        listener.await(VoiceState.LISTENING);
        await().atMost(WAIT).until(() -> brain.voiceMillis() - before >= held.toMillis());
        microphone.talking = false;
        session.release();
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

    /** What the Voice pane would show: states (as a queue), final transcripts, steps, cards, notices. */
    private static final class Listener implements VoiceSessionListener {
        private final BlockingQueue<VoiceState> seen = new LinkedBlockingQueue<>();
        final List<VoiceTranscript> transcripts = new CopyOnWriteArrayList<>();
        final List<ToolStep> steps = new CopyOnWriteArrayList<>();
        final List<ToolAction> actions = new CopyOnWriteArrayList<>();
        final List<String> notices = new CopyOnWriteArrayList<>();
        final List<String> chatIds = new CopyOnWriteArrayList<>();

        void await(VoiceState wanted) {
            try {
                long deadline = System.nanoTime() + WAIT.toNanos();
                VoiceState next;
                do {
                    next = seen.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    assertThat(next).as("state %s within %s (notices %s)", wanted, WAIT, notices).isNotNull();
                } while (next != wanted);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        List<String> finals() {
            return transcripts.stream().filter(VoiceTranscript::done).map(VoiceTranscript::text).toList();
        }

        @Override
        public void onState(VoiceState state, String detail) {
            seen.add(state);
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
        public void onChatSession(String chatId) {
            chatIds.add(chatId);
        }

        @Override
        public void onToolStep(ToolStep step) {
            steps.add(step);
        }

        @Override
        public void onToolAction(ToolAction action) {
            actions.add(action);
        }
    }
}
