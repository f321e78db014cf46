package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.chat.ChatMessage;
import donna.core.chat.Profile;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceState;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.FakeRealtime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch path in the app's own wiring, against the bundled service (relay off) and the fake OpenAI: hold, speak
 * (a tone fed to platform-audio's microphone), release; the recording goes to {@code POST /api/voice/turn}, the
 * fake transcribes it as scripted, the typed turn answers, and the service's speech (the fake's tone) is played
 * through the same playback device. Silence is the service's 422, shown as "DONNA heard nothing". With the relay off
 * and WebRTC and the direct WebSocket failing, the automatic order ends here.
 */
class TestVoiceOverBatch {
    private static final Duration WAIT = SoundRig.WAIT;
    private static final FakeOpenAi openAi = FakeOpenAi.start();
    private static final FakeRealtime realtime = openAi.realtime();
    @RegisterExtension
    static final VoiceService service = new VoiceService(openAi, false);

    @TempDir
    Path dir;

    private final SoundRig rig = new SoundRig();
    private VoiceSession session;

    @BeforeEach
    void reset() {
        openAi.reset();
    }

    @AfterEach
    void close() {
        service.closeSession();
        rig.close();
    }

    @Test
    void aRecordedToneIsTranscribedAnsweredAndHerAnswerPlayed() throws Exception {
        openAi.transcribeAs("What is on today?");
        openAi.replyWith("Two meetings. Then lunch.");
        connect("batch");

        talk(Duration.ofMillis(800));
        rig.awaitState(VoiceState.SPEAKING);
        rig.awaitState(VoiceState.READY);

        assertThat(rig.webRtcAttempts).hasValue(0);
        assertThat(realtime.secrets()).as("nothing minted for the batch path").isEmpty();
        assertThat(rig.events.path).isEqualTo("Using the batch path (DONNA_VOICE_TRANSPORT=batch).");
        assertThat(rig.events.finishedLines()).containsExactly("USER: What is on today?",
                "DONNA: Two meetings. Then lunch.");
        long spoken = "Two meetings. Then lunch.".length() * 55L;
        rig.assertSpeakerPlayed(spoken - 150, spoken + 150, dir);
        assertThat(rig.events.notices).isEmpty();
        Awaits.until(WAIT, "the service kept the turn in the chat", () -> rig.events.chatId != null
                && service.history(rig.events.chatId).size() == 2);
        List<ChatMessage> history = service.history(rig.events.chatId);
        assertThat(history).extracting(ChatMessage::content).as("kept once, by the service")
                .containsExactly("What is on today?", "Two meetings. Then lunch.");
    }

    @Test
    void aSecondTurnGoesIntoTheSameChat() {
        openAi.transcribeAs("First question.").transcribeAs("Second question.");
        openAi.replyWith("First answer.").replyWith("Second answer.");
        connect("batch");
        talk(Duration.ofMillis(400));
        rig.awaitState(VoiceState.SPEAKING);
        rig.awaitState(VoiceState.READY);
        String chat = rig.events.chatId;
        talk(Duration.ofMillis(400));
        rig.awaitState(VoiceState.SPEAKING);
        rig.awaitState(VoiceState.READY);

        Awaits.until(WAIT, "both turns in one chat", () -> service.history(chat).size() == 4);
        assertThat(rig.events.chatId).isEqualTo(chat);
    }

    @Test
    void silenceIsTheServicesNoSpeechShownAsDonnaHeardNothing() {
        connect("batch");
        rig.microphone.amplitude = 300; // over the meter's silence, under the service's -36 dBFS peak

        talk(Duration.ofMillis(600));

        Awaits.until(WAIT, "the refusal shown", () -> !rig.events.notices.isEmpty());
        assertThat(rig.events.notices.getFirst()).startsWith("DONNA heard nothing: ");
        rig.awaitState(VoiceState.READY);
        assertThat(rig.speaker.millis()).as("nothing played").isZero();
    }

    @Test
    void handsFreeIsRefusedWithANoticeAndNothingIsSent() {
        connect("batch");

        session.setHandsFree(true);

        Awaits.until(WAIT, "the notice", () -> rig.events.notices.contains("Hands-free needs a realtime "
                + "connection; on the batch path, hold the key while you speak."));
        assertThat(openAi.requests()).as("nothing went to OpenAI").isEmpty();
    }

    @Test
    void withoutARelayTheAutomaticOrderEndsOnTheBatchPath() {
        assertThat(service.client().offersRealtimeRelay()).as("the service answers 404 for the relay").isFalse();
        realtime.refuseConnections(1, 503); // the direct WebSocket
        openAi.transcribeAs("Anyone there?");
        openAi.replyWith("Here.");

        connect(null);
        talk(Duration.ofMillis(400));
        rig.awaitState(VoiceState.SPEAKING);
        rig.awaitState(VoiceState.READY);

        assertThat(rig.webRtcAttempts).hasValue(1);
        assertThat(rig.events.path).isEqualTo("Using the batch path: WebRTC and a direct connection to OpenAI "
                + "failed, and the service offers no relay.");
        assertThat(rig.events.finishedLines()).containsExactly("USER: Anyone there?", "DONNA: Here.");
    }

    private void connect(String setting) {
        session = service.connect(VoiceTransportWiring.transports(setting, rig.unreachableWebRtc(), rig.audio,
                service::client, () -> Profile.GENERAL), rig.events);
        rig.awaitState(VoiceState.READY);
    }

    /** Holds the key while the microphone plays its tone for {@code held}, then releases. */
    private void talk(Duration held) {
        long before = rig.microphone.spokenMillis();
        rig.microphone.talking = true;
        session.press();
        rig.awaitState(VoiceState.LISTENING);
        Awaits.until(WAIT, held + " of tone recorded",
                () -> rig.microphone.spokenMillis() >= before + held.toMillis());
        rig.microphone.talking = false;
        session.release();
    }
}
