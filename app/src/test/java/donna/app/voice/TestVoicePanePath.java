package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.voice.AudioDevice;
import donna.core.voice.ManualScheduler;
import donna.core.voice.RealtimeToken;
import donna.core.voice.VoiceDevices;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceState;
import donna.core.voice.VoiceTransports;
import donna.standins.realtime.InMemoryTransport;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Voice pane says which way the voice travels and why, from the automatic order's choice. */
class TestVoicePanePath {
    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-22T12:00:00Z"));

    private VoiceViewModel pane(VoiceTransports transports) {
        return new VoiceViewModel(listener -> VoiceSession.builder().baseUrl(URI.create("http://127.0.0.1:1"))
                .tokens(() -> new RealtimeToken("ek_test", scheduler.now().plusSeconds(60), "gpt-realtime"))
                .transports(transports).store((chatId, messages) -> "chat-voice")
                .scheduler(scheduler).io(Runnable::run).listener(listener).random(() -> 1.0).build(),
                VoiceDevices.of(List.of(AudioDevice.SYSTEM_DEFAULT), List.of(AudioDevice.SYSTEM_DEFAULT)),
                new SameThreadTaskExecutor(), Runnable::run);
    }

    @Test
    void whenWebRtcCannotConnectThePaneSaysThePathInUseAndWhy() {
        VoiceViewModel vm = pane(VoiceTransports.choose(null, Optional.of(
                () -> new SoundRig.Unreachable("ICE failed: UDP blocked")), InMemoryTransport::new));
        assertThat(vm.pathProperty().get()).as("nothing before a connection").isEmpty();

        vm.connect();
        scheduler.runPending();

        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.READY);
        assertThat(vm.pathProperty().get()).isEqualTo("Using a direct connection to OpenAI: WebRTC failed.");
    }

    @Test
    void aForcedPathSaysItWasForced() {
        VoiceViewModel vm = pane(VoiceTransports.choose("websocket", Optional.empty(), InMemoryTransport::new));

        vm.connect();
        scheduler.runPending();

        assertThat(vm.pathProperty().get()).isEqualTo("Using a direct connection to OpenAI "
                + "(DONNA_VOICE_TRANSPORT=websocket).");
    }
}
