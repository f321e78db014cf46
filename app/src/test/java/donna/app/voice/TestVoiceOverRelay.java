package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.api.BackendClient;
import donna.core.chat.Profile;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceState;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.FakeRealtime;
import donna.standins.realtime.FakeRealtimeConversation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay in the app's own wiring ({@link VoiceTransportWiring}, as {@code DonnaApp} builds it): the app's
 * WebSocket transport connects to the bundled service's {@code /api/realtime/ws} (relay on) with the service's own
 * credentials, and the service to the fake Realtime API with its project key. A tone as the microphone reaches the
 * model, her answer reaches the speaker; a bad credential is the service's 1008, shown as the reason; and when
 * WebRTC and the direct WebSocket fail, the automatic order lands on the relay and says so.
 */
class TestVoiceOverRelay {
    private static final Duration WAIT = SoundRig.WAIT;
    private static final FakeOpenAi openAi = FakeOpenAi.start();
    private static final FakeRealtime realtime = openAi.realtime();
    @RegisterExtension
    static final VoiceService service = new VoiceService(openAi, true);

    @TempDir
    Path dir;

    private final SoundRig rig = new SoundRig();
    private VoiceSession session;

    @BeforeEach
    void reset() {
        realtime.reset();
        realtime.acceptProjectKey("sk-test"); // the bundled service's key: the relay connects with it
    }

    @AfterEach
    void close() {
        service.closeSession();
        rig.close();
    }

    @Test
    void forcedRelayCarriesTheMicrophoneThroughTheServiceAndHerAnswerToTheSpeaker() throws Exception {
        connect("relay", service::client);
        realtime.answer("Relayed and heard.", Duration.ofMillis(700));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);

        talk(brain, Duration.ofMillis(500));
        brain.awaitReceived("response.create", WAIT);

        assertThat(rig.webRtcAttempts).as("WebRTC was not tried").hasValue(0);
        assertThat(realtime.secrets()).as("nothing minted: the relay uses the service's credentials").isEmpty();
        assertThat(brain.audioPath()).hasToString("EVENTS");
        assertThat(brain.voiceMillis()).as("the tone reached the model through the service").isBetween(500L, 900L);
        assertThat(rig.events.path).isEqualTo("Using the relay (DONNA_VOICE_TRANSPORT=relay).");

        rig.awaitState(VoiceState.SPEAKING);
        rig.awaitState(VoiceState.READY);
        assertThat(rig.audio.playedMillis()).as("her whole answer played").isEqualTo(700);
        rig.assertSpeakerPlayed(700, 710, dir);
        Awaits.until(WAIT, "both transcripts saved",
                () -> rig.events.chatId != null && service.history(rig.events.chatId).size() == 2);
    }

    @Test
    void aBadCredentialIsRefusedWith1008AndThePaneSaysWhy() {
        connect("relay", () -> service.clientWithSecret("not-the-secret"));

        rig.awaitState(VoiceState.FAILED);
        assertThat(rig.events.detail).startsWith("Could not connect to DONNA's voice: the service refused the "
                + "relayed voice connection: ").contains("Sign in again");
        assertThat(realtime.conversations()).as("the service never reached OpenAI").isEmpty();
    }

    @Test
    void whenWebRtcAndTheDirectWebSocketFailTheRelayCarriesTheVoice() {
        assertThat(service.client().offersRealtimeRelay()).as("the probe sees the relay").isTrue();
        realtime.refuseConnections(1, 503); // the direct WebSocket; the relay's own connection is the next one

        connect(null, service::client);
        realtime.answer("Through the relay.", Duration.ofMillis(400));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);
        talk(brain, Duration.ofMillis(300));
        rig.awaitState(VoiceState.SPEAKING);
        rig.awaitState(VoiceState.READY);

        assertThat(rig.webRtcAttempts).hasValue(1);
        assertThat(rig.events.path).isEqualTo("Using the relay: WebRTC and a direct connection to OpenAI failed.");
        assertThat(rig.audio.playedMillis()).isEqualTo(400);
    }

    private void connect(String setting, Supplier<BackendClient> client) {
        session = service.connect(VoiceTransportWiring.transports(setting, rig.unreachableWebRtc(), rig.audio, client,
                () -> Profile.GENERAL), rig.events);
        if (!"relay".equals(setting) || client.get() == service.client()) {
            rig.awaitState(VoiceState.READY);
        }
    }

    /** Holds the key while the microphone plays its tone, until the model heard {@code held} of it. */
    private void talk(FakeRealtimeConversation brain, Duration held) {
        long before = brain.voiceMillis();
        rig.microphone.talking = true;
        session.press();
        rig.awaitState(VoiceState.LISTENING);
        brain.awaitVoice(before + held.toMillis(), WAIT);
        rig.microphone.talking = false;
        session.release();
    }
}
