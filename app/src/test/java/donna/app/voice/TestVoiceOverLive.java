package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import donna.app.common.SameThreadTaskExecutor;
import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.PcmSource;
import donna.audio.pcm.WavRecorder;
import donna.audio.webrtc.AudioBackend;
import donna.audio.webrtc.WebRtcRuntime;
import donna.audio.webrtc.WebRtcTransport;
import donna.core.api.MemoryEntry;
import donna.core.chat.ChatMessage;
import donna.core.chat.Profile;
import donna.core.voice.AudioDevice;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.ToolAction;
import donna.core.voice.ToolResult;
import donna.core.voice.ToolRunner;
import donna.core.voice.ToolStep;
import donna.core.voice.VoiceDevices;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
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

    /** The Voice pane's view model (when a test made one) and its UI thread. */
    private VoiceViewModel pane;
    private final List<String> paneStates = new CopyOnWriteArrayList<>();
    /** The pane's UI thread; what the session reports while it closes after the test is dropped. */
    private final ExecutorService ui = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("test-voice-pane").factory(),
            new ThreadPoolExecutor.DiscardPolicy());

    @AfterEach
    void closePane() {
        service.closeSession();
        ui.shutdownNow();
    }

    private RealtimeTransportFactory engines() {
        RealtimeTransportFactory realtimeTransports = () -> new WebRtcTransport(runtime, microphone, speaker);
        return VoiceTransportWiring.withEngine(() -> VoiceEngine.LIVE, realtimeTransports,
                exchange -> new WebRtcTransport(runtime, microphone, speaker, exchange), service::client,
                () -> Profile.GENERAL);
    }

    /** DONNA in the middle of a long spoken answer (300 ms of it heard); the conversation that gives it. */
    private FakeLiveConversation tellingAStory() {
        live().hear("Tell me a story").answer("Once upon a time there was a very long story.", Duration.ofSeconds(3));
        connect();
        listener.await(VoiceState.READY);
        FakeLiveConversation conversation = live().awaitConversation(1, WAIT);
        talk(Duration.ofMillis(400), conversation);
        listener.await(VoiceState.SPEAKING);
        await().atMost(WAIT).until(() -> speaker.millis() >= 300);
        return conversation;
    }

    private void connect() {
        session = service.connect(engines(), listener);
    }

    /**
     * Connects as the app does with the Voice pane open: the pane's view model gets the session's reports (on its
     * own UI thread, its state line recorded in {@link #paneStates}) and so does the test's listener. The service's
     * session connects as it is made, so the pane is not asked to connect.
     */
    private void connectWithPane() {
        VoiceDevices devices = VoiceDevices.of(List.of(AudioDevice.SYSTEM_DEFAULT), List.of(AudioDevice.SYSTEM_DEFAULT));
        onUi(() -> { // made on the UI thread, so no report reaches it before its state line is watched
            pane = new VoiceViewModel(relay -> session = service.connect(engines(), new Both(relay, listener)),
                    devices, new SameThreadTaskExecutor(), ui);
            pane.stateTextProperty().addListener((o, was, now) -> paneStates.add(now));
            return null;
        });
    }

    /** Reads or does something on the pane's UI thread. */
    private <T> T onUi(Callable<T> work) {
        try {
            return ui.submit(work).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
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
        FakeLiveConversation brain = tellingAStory();

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

    @Test
    void aDroppedLiveConnectionReconnectsAndTheNewSessionGetsTheConversationAsSilentContext() {
        live().hear("My name is Ada.").answer("Nice to meet you, Ada.", Duration.ofMillis(600));
        connectWithPane();
        listener.await(VoiceState.READY);
        FakeLiveConversation first = live().awaitConversation(1, WAIT);
        talk(Duration.ofMillis(400), first);
        listener.await(VoiceState.SPEAKING);
        listener.await(VoiceState.READY);
        await().atMost(WAIT).until(() -> listener.finals().contains("Nice to meet you, Ada."));
        String chatId = listener.chatIds.getFirst();
        await().atMost(WAIT).until(() -> service.history(chatId).size() == 2);
        long heardBeforeDrop = speaker.millis();

        live().dropConnections();

        listener.await(VoiceState.RECONNECTING);
        listener.await(VoiceState.READY);
        FakeLiveConversation second = live().awaitConversation(2, WAIT);
        assertThat(second.sessionId()).as("a new Live session").isNotEqualTo(first.sessionId());
        assertThat(live().requests()).as("created again by the service").hasSize(2);
        await("the new Live session got the earlier turn as silent context").atMost(WAIT)
                .until(() -> thinking(second).size() == 2);
        assertThat(thinking(second)).as("the earlier turn, as silent context for no delegation")
                .allSatisfy(e -> assertThat(e.path("delegation_id").isNull()).isTrue())
                .extracting(e -> e.path("content").asText())
                .containsExactly("Earlier the person said: My name is Ada.",
                        "Earlier you said: Nice to meet you, Ada.");
        assertThat(second.receivedTypes()).as("nothing spoken or delegated was sent for it")
                .doesNotContain("session.commentary.append");
        assertThat(second.sentTypes()).as("Live took every event").doesNotContain("error")
                .contains("session.thinking.appended");
        await().atMost(WAIT).until(() -> paneStates.contains("Reconnecting…"));
        await().atMost(WAIT).until(() -> paneStates.getLast().equals("Ready: hold to talk"));
        assertThat(paneStates.subList(paneStates.indexOf("Reconnecting…"), paneStates.size()))
                .as("the pane: reconnecting, then ready again").containsExactly("Reconnecting…",
                        "Ready: hold to talk");
        assertThat(onUi(() -> pane.connectedProperty().get())).isTrue();
        assertThat(onUi(() -> pane.busyProperty().get())).isFalse();

        live().hear("What is my name?").answer("Your name is Ada.", Duration.ofMillis(800));
        talk(Duration.ofMillis(300), second);
        listener.await(VoiceState.SPEAKING);
        listener.await(VoiceState.READY);
        await().atMost(WAIT).until(() -> listener.finals().contains("Your name is Ada."));
        await().atMost(WAIT).until(() -> speaker.millis() >= heardBeforeDrop + 500); // her answer reached playback
        await().atMost(WAIT).until(() -> service.history(chatId).size() >= 4);
        assertThat(service.history(chatId)).as("each turn saved once, in the same chat")
                .extracting(ChatMessage::role, ChatMessage::content)
                .containsExactly(tuple("user", "My name is Ada."), tuple("assistant", "Nice to meet you, Ada."),
                        tuple("user", "What is my name?"), tuple("assistant", "Your name is Ada."));
        assertThat(listener.chatIds).as("one chat for the conversation").containsExactly(chatId);
        assertThat(onUi(() -> List.copyOf(pane.transcript()))).as("the pane's transcript")
                .extracting(TranscriptLine::fromUser, TranscriptLine::text)
                .containsExactly(tuple(true, "My name is Ada."), tuple(false, "Nice to meet you, Ada."),
                        tuple(true, "What is my name?"), tuple(false, "Your name is Ada."));

        assertThat(service.meteredEnds()).as("the drop ended no metered session").isEmpty();
        session.disconnect();
        listener.await(VoiceState.IDLE);
        await("the metered session ended at the disconnect (and the events log reported)").atMost(WAIT)
                .until(() -> !service.meteredEnds().isEmpty() && !service.eventSessions().isEmpty());
        assertThat(service.eventSessions()).as("one metered session for the conversation: the reconnect sent "
                + "its session_id and the service continued it").singleElement()
                .isEqualTo(service.meteredEnds().getFirst());
        assertThat(service.meteredEnds()).as("ended once").hasSize(1);
    }

    @Test
    void aDelegatedTurnBeforeADropIsContextAfterItAndIsNotSavedTwice() {
        live().hear("Remember that my dog is called Rex").delegate();
        openAi.replyWithFunctionCall("remember", "{\"key\":\"dog\",\"value\":\"Rex\"}")
                .replyWith("Noted: your dog is called Rex.");
        connect();
        listener.await(VoiceState.READY);
        FakeLiveConversation first = live().awaitConversation(1, WAIT);
        talk(Duration.ofMillis(400), first);
        first.awaitReceived("session.commentary.append", WAIT);
        await().atMost(WAIT).until(() -> listener.finals().contains("Noted: your dog is called Rex."));
        listener.await(VoiceState.READY);
        String chatId = listener.chatIds.getFirst();

        live().dropConnections();

        listener.await(VoiceState.RECONNECTING);
        listener.await(VoiceState.READY);
        FakeLiveConversation second = live().awaitConversation(2, WAIT);
        await("the new Live session got the earlier turn as silent context").atMost(WAIT)
                .until(() -> thinking(second).size() == 2);
        assertThat(thinking(second)).extracting(e -> e.path("content").asText())
                .containsExactly("Earlier the person said: Remember that my dog is called Rex",
                        "Earlier you said: Noted: your dog is called Rex.");

        live().hear("Thanks").answer("You're welcome.");
        talk(Duration.ofMillis(400), second);
        await().atMost(WAIT).until(() -> listener.finals().contains("You're welcome."));
        await().atMost(WAIT).until(() -> service.history(chatId).size() >= 4);
        assertThat(service.history(chatId)).as("the delegated turn once (by its typed turn), the next one once")
                .extracting(ChatMessage::role, ChatMessage::content)
                .containsExactly(tuple("user", "Remember that my dog is called Rex"),
                        tuple("assistant", "Noted: your dog is called Rex."),
                        tuple("user", "Thanks"), tuple("assistant", "You're welcome."));
        assertThat(second.sentTypes()).doesNotContain("error");
    }

    @Test
    void aDelegationStillRunningWhenTheConnectionDropsIsKeptOnceAndItsWordsAreContext() {
        CompletableFuture<Void> typedTurnMayRun = new CompletableFuture<>();
        ToolRunner delegation = new LiveDelegationRunner(ToolRunner.unavailable(), service::client,
                () -> Profile.GENERAL);
        service.tools(new ToolRunner() {
            @Override
            public CompletableFuture<ToolResult> run(String name, String args, String callId, String chatId,
                    String userItemId) {
                return typedTurnMayRun.thenCompose(go -> delegation.run(name, args, callId, chatId, userItemId));
            }

            @Override
            public boolean keepsTurn(String name) {
                return delegation.keepsTurn(name);
            }
        });
        live().hear("Remember that my cat is called Tom").delegate();
        openAi.replyWithFunctionCall("remember", "{\"key\":\"cat\",\"value\":\"Tom\"}")
                .replyWith("Noted: your cat is called Tom.");
        connect();
        listener.await(VoiceState.READY);
        FakeLiveConversation first = live().awaitConversation(1, WAIT);
        talk(Duration.ofMillis(400), first);
        first.awaitSent("session.delegation.created", WAIT);
        await().atMost(WAIT).until(() -> listener.finals().contains("Remember that my cat is called Tom"));
        assertThat(listener.steps).extracting(ToolStep::status).containsExactly(ToolStep.Status.RUNNING);

        live().dropConnections(); // while the typed turn has not run yet

        listener.await(VoiceState.RECONNECTING);
        listener.await(VoiceState.READY);
        FakeLiveConversation second = live().awaitConversation(2, WAIT);
        await("the new Live session got the person's words as silent context").atMost(WAIT)
                .until(() -> thinking(second).size() == 1);
        assertThat(thinking(second).getFirst().path("content").asText())
                .isEqualTo("Earlier the person said: Remember that my cat is called Tom");

        typedTurnMayRun.complete(null);
        await().atMost(WAIT).until(() -> listener.steps.stream().anyMatch(s -> s.status() == ToolStep.Status.DONE));
        assertThat(listener.actions).as("what it did is shown").extracting(ToolAction::type)
                .contains("memory_saved");
        await().atMost(WAIT).until(() -> !listener.chatIds.isEmpty());
        String chatId = listener.chatIds.getFirst();

        live().hear("Thanks").answer("You're welcome.");
        talk(Duration.ofMillis(400), second);
        await().atMost(WAIT).until(() -> listener.finals().contains("You're welcome."));
        await().atMost(WAIT).until(() -> service.history(chatId).size() >= 4);
        assertThat(service.history(chatId)).as("the delegated turn once (its typed turn), then the next turn once")
                .extracting(ChatMessage::role, ChatMessage::content)
                .containsExactly(tuple("user", "Remember that my cat is called Tom"),
                        tuple("assistant", "Noted: your cat is called Tom."),
                        tuple("user", "Thanks"), tuple("assistant", "You're welcome."));
        assertThat(listener.chatIds).as("the typed turn's chat is the conversation's").containsExactly(chatId);
        assertThat(second.receivedTypes()).as("the old session's delegation is not answered to the new one")
                .doesNotContain("session.commentary.append");
        assertThat(second.sentTypes()).doesNotContain("error");
    }

    @Test
    void aBargeInThenADropLeavesTheNewConnectionAudible() {
        FakeLiveConversation first = tellingAStory();
        session.press(); // a tap while she speaks: silenced at once, and it stays so until her next answer
        listener.await(VoiceState.LISTENING);
        session.release();
        listener.await(VoiceState.READY);
        long heard = speaker.millis();
        first.awaitSent("session.usage.updated", WAIT); // Live said the rest, unheard
        assertThat(speaker.millis()).as("silenced").isLessThanOrEqualTo(heard + 20);

        live().dropConnections();

        listener.await(VoiceState.RECONNECTING);
        listener.await(VoiceState.READY);
        FakeLiveConversation second = live().awaitConversation(2, WAIT);
        await("the new Live session got the earlier turn as silent context").atMost(WAIT)
                .until(() -> thinking(second).size() == 2);
        assertThat(thinking(second).getLast().path("content").asText()).as("what she said before the tap")
                .startsWith("Earlier you said: Once").endsWith(" …");

        live().hear("Go on").answer("The end.", Duration.ofMillis(800));
        talk(Duration.ofMillis(300), second);
        await().atMost(WAIT).until(() -> listener.finals().contains("The end."));
        await().atMost(WAIT).until(() -> speaker.millis() >= heard + 500); // the new connection's answer is heard
    }

    /** The silent context the session gave a Live session ({@code session.thinking.append}), oldest first. */
    private static List<JsonNode> thinking(FakeLiveConversation brain) {
        return brain.received().stream().filter(e -> e.type().equals("session.thinking.append"))
                .map(ReceivedEvent::json).toList();
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

    /** Reports to the pane and to the test alike. */
    private record Both(VoiceSessionListener pane, VoiceSessionListener test) implements VoiceSessionListener {
        @Override
        public void onState(VoiceState state, String detail) {
            pane.onState(state, detail);
            test.onState(state, detail);
        }

        @Override
        public void onTranscript(VoiceTranscript transcript) {
            pane.onTranscript(transcript);
            test.onTranscript(transcript);
        }

        @Override
        public void onNotice(String message) {
            pane.onNotice(message);
            test.onNotice(message);
        }

        @Override
        public void onChatSession(String chatId) {
            pane.onChatSession(chatId);
            test.onChatSession(chatId);
        }

        @Override
        public void onToolStep(ToolStep step) {
            pane.onToolStep(step);
            test.onToolStep(step);
        }

        @Override
        public void onToolActions(List<ToolAction> actions) {
            pane.onToolActions(actions);
            test.onToolActions(actions);
        }

        @Override
        public void onPath(String description) {
            pane.onPath(description);
            test.onPath(description);
        }
    }
}
