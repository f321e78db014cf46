package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.audio.hotkey.HotkeyCombo;
import donna.audio.hotkey.HotkeyStatus;
import donna.core.chat.NewMessage;
import donna.core.voice.AudioDevice;
import donna.core.voice.ManualScheduler;
import donna.core.voice.RealtimeToken;
import donna.core.voice.ToolAction;
import donna.core.voice.ToolResult;
import donna.core.voice.ToolStep;
import donna.core.voice.VoiceDevices;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceState;
import donna.standins.realtime.ConversationItem;
import donna.standins.realtime.FakeRealtimeConversation;
import donna.standins.realtime.InMemoryTransport;
import donna.standins.realtime.ScriptedCall;
import donna.standins.realtime.ToolExchange;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The Voice pane's view model over a real session, the fake Realtime brain in memory, and time moved by hand. */
class VoiceViewModelTest {
    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-22T12:00:00Z"));
    private final List<InMemoryTransport> transports = new ArrayList<>();
    private final List<List<NewMessage>> saved = new ArrayList<>();
    private final List<String> savedInto = new ArrayList<>();
    private static final AudioDevice HEADSET = new AudioDevice("usb-1", "USB headset");
    private final VoiceDevices listed = VoiceDevices.of(List.of(AudioDevice.SYSTEM_DEFAULT, HEADSET),
            List.of(AudioDevice.SYSTEM_DEFAULT));
    /** Why the platform has no sound device; null: it has. */
    private volatile String noDevice;
    private final VoiceDevices devices = new VoiceDevices() {
        @Override
        public List<AudioDevice> inputs() {
            return listed.inputs();
        }

        @Override
        public List<AudioDevice> outputs() {
            return listed.outputs();
        }

        @Override
        public AudioDevice input() {
            return listed.input();
        }

        @Override
        public AudioDevice output() {
            return listed.output();
        }

        @Override
        public void useInput(AudioDevice device) {
            listed.useInput(device);
        }

        @Override
        public void useOutput(AudioDevice device) {
            listed.useOutput(device);
        }

        @Override
        public java.util.Optional<String> missingReason() {
            return java.util.Optional.ofNullable(noDevice);
        }
    };
    private String refuseNext;
    /** The tool calls the session made, by tool name; each answers when the test completes it. */
    private final Map<String, CompletableFuture<ToolResult>> toolCalls = new ConcurrentHashMap<>();
    private final VoiceViewModel vm = new VoiceViewModel(listener -> VoiceSession.builder()
            .baseUrl(URI.create("http://127.0.0.1:1"))
            .tokens(() -> new RealtimeToken("ek_test", scheduler.now().plusSeconds(60), "gpt-realtime"))
            .transports(this::transport)
            .store((chatId, messages) -> {
                savedInto.add(chatId);
                saved.add(messages);
                return chatId == null ? "chat-voice" : chatId;
            })
            .tools((name, args, callId, chatId, userItemId) -> toolCalls.computeIfAbsent(name,
                    n -> new CompletableFuture<>()))
            .scheduler(scheduler).io(Runnable::run).listener(listener).random(() -> 1.0).build(),
            devices, new SameThreadTaskExecutor(), Runnable::run);

    private InMemoryTransport transport() {
        InMemoryTransport t = new InMemoryTransport();
        if (refuseNext != null) {
            t.refuseConnect(refuseNext);
            refuseNext = null;
        }
        transports.add(t);
        return t;
    }

    private InMemoryTransport connected() {
        vm.connect();
        scheduler.runPending();
        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.READY);
        return transports.getLast();
    }

    private void talk(InMemoryTransport t, long ms) {
        vm.press();
        scheduler.runPending();
        t.speak(ms);
        scheduler.advance(Duration.ofMillis(ms));
        t.quiet();
        vm.release();
        scheduler.runPending();
    }

    /** DONNA's speaker plays {@code ms} of her answer, 20 ms at a time. */
    private void listen(InMemoryTransport t, long ms) {
        for (long played = 0; played < ms; played += 20) {
            t.listen(20);
            scheduler.advance(Duration.ofMillis(20));
        }
    }

    @Test
    void connectingShowsTheStateInWords() {
        assertThat(vm.stateTextProperty().get()).isEqualTo("Not connected");
        vm.connect();
        assertThat(vm.connectedProperty().get()).isFalse();

        scheduler.runPending();

        assertThat(vm.stateTextProperty().get()).isEqualTo("Ready: hold to talk");
        assertThat(vm.connectedProperty().get()).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(transports.getLast().conversation().turnDetection()).as("push-to-talk").isNull();
    }

    @Test
    void aPushToTalkTurnShowsListeningThinkingSpeakingAndTheLiveTranscript() {
        InMemoryTransport t = connected();
        vm.press();
        scheduler.runPending();
        assertThat(vm.stateTextProperty().get()).isEqualTo("Listening…");
        assertThat(vm.pressedProperty().get()).isTrue();
        assertThat(t.microphoneLive()).isTrue();

        t.speak(600);
        scheduler.advance(Duration.ofMillis(600));
        vm.release();
        scheduler.runPending();

        FakeRealtimeConversation brain = t.conversation();
        assertThat(vm.stateTextProperty().get()).isEqualTo("Thinking…");
        assertThat(brain.voiceMillis()).isEqualTo(600);
        assertThat(brain.receivedTypes()).containsSubsequence("input_audio_buffer.commit", "response.create");

        listen(t, 100);
        assertThat(vm.stateTextProperty().get()).isEqualTo("Speaking…");
        listen(t, 10_000);

        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.READY);
        assertThat(vm.transcript()).extracting(TranscriptLine::fromUser).containsExactly(true, false);
        assertThat(vm.transcript().getFirst().text()).isEqualTo("I spoke for 0.6 seconds.");
        assertThat(vm.transcript().get(1).text()).isEqualTo(brain.items().get(1).text());
        assertThat(saved).flatExtracting(list -> list).extracting(NewMessage::role).containsExactly("user",
                "assistant");
    }

    @Test
    void whileAToolRunsThePaneShowsTheStepThenItsSummaryAndDonnaSpeaksTheResult() {
        InMemoryTransport t = connected();
        FakeRealtimeConversation brain = t.conversation();
        brain.callTools(new ScriptedCall("search_mail", "{\"query\":\"from:ann\"}"))
                .answerWith("Ann wrote three times.");

        talk(t, 600);

        assertThat(vm.toolSteps()).containsExactly(new ToolStepLine(brain.toolCalls().getFirst().callId(),
                "search_mail", ToolStep.Status.RUNNING, "Searching mail…"));
        assertThat(vm.stateTextProperty().get()).isEqualTo("Thinking…");

        toolCalls.get("search_mail").complete(new ToolResult("{\"messages\":[1,2,3]}", null, null,
                "Searched mail: 3 found"));
        scheduler.runPending();

        assertThat(vm.toolSteps()).extracting(ToolStepLine::status, ToolStepLine::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ToolStep.Status.DONE, "Searched mail: 3 found"));
        assertThat(brain.toolCalls()).extracting(ToolExchange::output).containsExactly("{\"messages\":[1,2,3]}");
        listen(t, 100);
        assertThat(vm.stateTextProperty().get()).isEqualTo("Speaking…");
        listen(t, 10_000);
        assertThat(vm.transcript().getLast().text()).isEqualTo("Ann wrote three times.");
        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.READY);
    }

    @Test
    void aSpokenDraftBecomesTheSameCardAsATypedOne() {
        List<donna.core.tools.TurnAction> asked = new ArrayList<>();
        vm.showCardsWith(turn -> {
            asked.addAll(turn);
            return List.of(new donna.app.actions.MemoryNote("card", "made"));
        });
        InMemoryTransport t = connected();
        t.conversation().callTools(new ScriptedCall("draft_reply", "{\"message_id\":\"m1\",\"instructions\":\"Tue\"}"));
        talk(t, 600);
        String card = "{\"draft\":{\"id\":\"d-voice-1\",\"to\":[\"ann@example.com\"],\"subject\":\"Re: Hi\","
                + "\"body\":\"Tuesday works.\"}}";
        toolCalls.get("draft_reply").complete(new ToolResult(card, "draft_ready", card, "Drafted"));
        scheduler.runPending();

        assertThat(asked).singleElement().isInstanceOfSatisfying(donna.core.tools.TurnAction.DraftReady.class,
                d -> assertThat(d.draft().id()).isEqualTo("d-voice-1"));
        assertThat(vm.cards()).hasSize(1);
    }

    @Test
    void everyCardOfADelegatedTurnShowsMadeTogetherAsTheChatMakesThem() {
        List<List<donna.core.tools.TurnAction>> asked = new ArrayList<>();
        vm.showCardsWith(turn -> {
            asked.add(List.copyOf(turn));
            return turn.stream().map(a -> (donna.app.actions.CardItem) new donna.app.actions.MemoryNote("card",
                    a.getClass().getSimpleName())).toList();
        });
        InMemoryTransport t = connected();
        t.conversation().callTools(new ScriptedCall(donna.core.voice.live.LiveEventCodec.DELEGATION_TOOL,
                "{\"request\":\"Draft replies to Ann and Bob\"}"));
        talk(t, 600);
        // The typed turn's answer: two drafts and a send waiting for a yes (LiveDelegationRunner's result).
        com.fasterxml.jackson.databind.JsonNode answer = json("{\"reply\":\"Two drafts, and Ann's waits for your "
                + "yes.\",\"metadata\":{\"chat_id\":\"chat-7\",\"tool_steps\":[],\"actions\":["
                + "{\"type\":\"draft_ready\",\"draft\":{\"id\":\"d-ann\",\"to\":[\"ann@example.com\"],"
                + "\"subject\":\"Re: Hi\",\"body\":\"Tuesday works.\"}},"
                + "{\"type\":\"draft_ready\",\"draft\":{\"id\":\"d-bob\",\"to\":[\"bob@example.com\"],"
                + "\"subject\":\"Re: Lunch\",\"body\":\"Yes.\"}},"
                + "{\"type\":\"memory_saved\",\"key\":\"lunch\",\"value\":\"Bob\"}]}}");
        toolCalls.get(donna.core.voice.live.LiveEventCodec.DELEGATION_TOOL).complete(
                LiveDelegationRunner.result(answer));
        scheduler.runPending();

        assertThat(asked).as("one turn's cards are made together").singleElement().satisfies(turn ->
                assertThat(turn).extracting(a -> a.getClass().getSimpleName())
                        .containsExactly("DraftReady", "DraftReady", "MemorySaved"));
        assertThat(vm.cards()).hasSize(3);
        assertThat(vm.actions()).extracting(ToolAction::type).containsExactly("draft_ready", "draft_ready",
                "memory_saved");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFailedToolSaysWhyAndWhatToolsProducedIsListedForTheCards() {
        InMemoryTransport t = connected();
        FakeRealtimeConversation brain = t.conversation();
        brain.callTools(new ScriptedCall("read_mail", "{\"message_id\":\"m1\"}"),
                new ScriptedCall("draft_reply", "{\"message_id\":\"m1\",\"instructions\":\"Tuesday\"}"));
        talk(t, 600);
        assertThat(vm.toolSteps()).extracting(ToolStepLine::text).containsExactly("Reading the mail…",
                "Drafting a reply…");

        toolCalls.get("read_mail").complete(ToolResult.error("gmail_not_connected", "Gmail is not connected"));
        String draft = "{\"id\":\"d1\",\"subject\":\"Re: Contract\"}";
        toolCalls.get("draft_reply").complete(new ToolResult("{\"draft\":" + draft + "}", "draft_ready", draft,
                null));
        scheduler.runPending();

        assertThat(vm.toolSteps()).extracting(ToolStepLine::text).containsExactly(
                "Could not read the mail: Gmail is not connected", "Drafted a reply");
        assertThat(vm.actions()).containsExactly(new ToolAction(brain.toolCalls().get(1).callId(), "draft_reply",
                "draft_ready", draft));
    }

    @Test
    void aTapOrASilentPressSaysWhatToDoInstead() {
        InMemoryTransport t = connected();
        vm.press();
        scheduler.runPending();
        t.speak(40);
        scheduler.advance(Duration.ofMillis(40));
        t.quiet();
        vm.release();
        scheduler.runPending();

        assertThat(vm.noticeProperty().get()).contains("Hold the button");
        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.READY);

        vm.press();
        scheduler.runPending();
        scheduler.advance(Duration.ofMillis(600)); // held, but nothing said
        vm.release();
        scheduler.runPending();
        assertThat(vm.noticeProperty().get()).contains("No sound from the microphone");
        assertThat(t.conversation().receivedTypes()).doesNotContain("input_audio_buffer.commit");
    }

    @Test
    void pressingWhileDonnaSpeaksInterruptsHerAtWhatWasHeard() {
        InMemoryTransport t = connected();
        talk(t, 500);
        listen(t, 700);
        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.SPEAKING);

        vm.press();
        scheduler.runPending();

        FakeRealtimeConversation brain = t.conversation();
        assertThat(brain.receivedTypes()).containsSubsequence("response.cancel", "output_audio_buffer.clear",
                "conversation.item.truncate");
        ConversationItem answer = brain.items().get(1);
        // Counted from the moment the session learnt the audio started: at most a frame short, never long.
        assertThat(answer.truncatedAtMs()).isBetween(680L, 700L);
        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.LISTENING);
        assertThat(vm.transcript().getLast().interrupted()).isTrue();
    }

    @Test
    void keyRepeatsWhileSpaceIsHeldAreOnePress() {
        InMemoryTransport t = connected();
        vm.press();
        vm.press();
        vm.press();
        scheduler.runPending();

        assertThat(t.conversation().receivedTypes().stream().filter("input_audio_buffer.clear"::equals)).hasSize(1);
    }

    @Test
    void handsFreeListensWithoutTheButton() {
        InMemoryTransport t = connected();
        vm.handsFreeProperty().set(true);
        scheduler.runPending();

        assertThat(t.conversation().turnDetection()).isEqualTo("semantic_vad");
        assertThat(t.microphoneLive()).isTrue();
        assertThat(vm.stateTextProperty().get()).isEqualTo("Listening for you");
    }

    @Test
    void aFailureSaysWhyAndConnectTriesAgain() {
        refuseNext = "UDP and TCP to the voice service are blocked";
        vm.toggleConnection();
        scheduler.runPending();

        assertThat(vm.stateTextProperty().get()).isEqualTo("Voice is not working");
        assertThat(vm.detailProperty().get()).isEqualTo("Could not connect to DONNA's voice: UDP and TCP to the "
                + "voice service are blocked");

        vm.toggleConnection();
        scheduler.runPending();
        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.READY);
        assertThat(vm.detailProperty().get()).isEmpty();
    }

    @Test
    void aDroppedConnectionShowsReconnectingThenReady() {
        InMemoryTransport first = connected();
        first.drop();
        scheduler.runPending();

        assertThat(vm.stateTextProperty().get()).isEqualTo("Reconnecting…");
        assertThat(vm.detailProperty().get()).contains("the connection dropped");
        assertThat(vm.busyProperty().get()).isTrue();

        scheduler.advance(Duration.ofMillis(250));

        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.READY);
        assertThat(transports).hasSize(2);
    }

    @Test
    void theMeterShowsTheMicrophoneOnlyWhileConnected() {
        vm.refreshLevel();
        assertThat(vm.levelProperty().get()).isZero();
        InMemoryTransport t = connected();

        t.speak(20);
        vm.refreshLevel();
        assertThat(vm.levelProperty().get()).isGreaterThan(0.1);

        vm.disconnect();
        scheduler.runPending();
        vm.refreshLevel();
        assertThat(vm.levelProperty().get()).isZero();
        assertThat(t.isClosed()).isTrue();
    }

    @Test
    void transcriptsGoIntoTheOpenChatOrANewOneThatIsAnnounced() {
        List<String> created = new ArrayList<>();
        vm.setOnChatCreated(created::add);
        InMemoryTransport t = connected();
        talk(t, 400);

        assertThat(savedInto).containsExactly((String) null);
        assertThat(created).containsExactly("chat-voice");

        vm.useChat("chat-typed");
        talk(t, 400); // interrupts the first answer, then a new turn
        assertThat(savedInto).endsWith("chat-typed");
    }

    @Test
    void anUnavailableHotkeyLeavesANoteThatConnectingAndTalkingDoNotClear() {
        vm.showHotkey(new HotkeyStatus.Unavailable("this Wayland session gives apps no global keys (no X11 display)"));
        assertThat(vm.hotkeyNoteProperty().get()).isEqualTo("The global hotkey is unavailable: this Wayland session "
                + "gives apps no global keys (no X11 display). Hold Space in this pane (or the button) to talk.");
        assertThat(vm.keysHintProperty().get()).startsWith("Hold Space (or the button) to talk");

        talk(connected(), 600);

        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.THINKING);
        assertThat(vm.hotkeyNoteProperty().get()).startsWith("The global hotkey is unavailable");
    }

    @Test
    void aWorkingHotkeyIsNamedInTheKeysHint() {
        vm.showHotkey(new HotkeyStatus.Active(HotkeyCombo.parse("Ctrl+Shift+F")));

        assertThat(vm.hotkeyNoteProperty().get()).isEmpty();
        assertThat(vm.keysHintProperty().get()).startsWith("Hold Ctrl+Shift+F anywhere, or Space here");
    }

    @Test
    void devicesAreListedAndAChoiceIsPassedOn() {
        vm.refreshDevices();

        assertThat(vm.inputs()).extracting(AudioDevice::name).containsExactly("System default", "USB headset");
        assertThat(vm.inputProperty().get()).isEqualTo(AudioDevice.SYSTEM_DEFAULT);

        vm.inputProperty().set(HEADSET);

        assertThat(devices.input()).isEqualTo(HEADSET);
        assertThat(devices.output()).isEqualTo(AudioDevice.SYSTEM_DEFAULT);
    }

    @Test
    void noSoundDeviceIsSaidLastinglyAndGoesAwayWhenOneAppears() {
        noDevice = "no sound device (PulseAudio: connection refused)";
        vm.refreshDevices();

        assertThat(vm.soundNoteProperty().get()).isEqualTo("Sound is off: no sound device (PulseAudio: connection "
                + "refused). The microphone is silent and DONNA cannot be heard.");
        vm.connect();
        assertThat(vm.soundNoteProperty().get()).as("not a notice that a connect clears").isNotEmpty();

        noDevice = null;
        vm.refreshDevices();
        assertThat(vm.soundNoteProperty().get()).isEmpty();
    }
}
