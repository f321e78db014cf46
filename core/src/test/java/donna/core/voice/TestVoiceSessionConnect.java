package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestVoiceSessionConnect {
    private final VoiceHarness h = new VoiceHarness();

    @Test
    void connectMintsOpensAndConfiguresPushToTalkThenIsReadyOnSessionUpdated() {
        h.session.connect();
        h.scheduler.runPending();

        FakeTransport t = h.transport();
        assertThat(h.state()).isEqualTo(VoiceState.CONNECTING);
        assertThat(t.request.clientSecret()).isEqualTo("ek_1");
        assertThat(t.request.model()).isEqualTo("gpt-realtime");
        assertThat(t.request.baseUrl()).hasToString("https://realtime.example");
        assertThat(t.sentTypes()).containsExactly("session.update");
        assertThat(t.lastSent("session.update").path("session").path("audio").path("input").get("turn_detection")
                .isNull()).isTrue();

        h.confirm(t);

        assertThat(h.states).containsExactly(VoiceState.CONNECTING, VoiceState.READY);
        assertThat(h.session.state()).isEqualTo(VoiceState.READY);
        assertThat(t.micLive).as("push-to-talk: the microphone waits for the key").isFalse();
    }

    @Test
    void noSessionUpdatedInTimeFailsWithAClearMessage() {
        h.session.connect();
        h.scheduler.runPending();

        h.scheduler.advance(Duration.ofMillis(4_999));
        assertThat(h.state()).isEqualTo(VoiceState.CONNECTING);
        h.scheduler.advance(Duration.ofMillis(1));

        assertThat(h.state()).isEqualTo(VoiceState.FAILED);
        assertThat(h.details.getLast()).isEqualTo("Could not connect to DONNA's voice: the voice service did not "
                + "confirm the session within 5 s");
        assertThat(h.transport().closed).isTrue();
    }

    @Test
    void aServiceThatCannotMintFailsWithItsMessageAndConnectTriesAgain() {
        h.failMints = 1;
        h.session.connect();
        h.scheduler.runPending();

        assertThat(h.state()).isEqualTo(VoiceState.FAILED);
        assertThat(h.details.getLast()).contains("The voice service is unavailable; try again shortly");
        assertThat(h.transports).isEmpty();

        h.connected();
        assertThat(h.state()).isEqualTo(VoiceState.READY);
    }

    @Test
    void aTransportThatCannotConnectFailsAndIsClosed() {
        h.failConnects = 1;
        h.session.connect();
        h.scheduler.runPending();

        assertThat(h.state()).isEqualTo(VoiceState.FAILED);
        assertThat(h.details.getLast()).endsWith("no route to the voice service");
        assertThat(h.transport().closed).isTrue();
    }

    @Test
    void disconnectClosesTheTransportAndIgnoresItsStragglers() {
        FakeTransport t = h.connected();
        h.session.disconnect();
        h.scheduler.runPending();

        assertThat(h.state()).isEqualTo(VoiceState.IDLE);
        assertThat(t.closed).isTrue();
        t.listener.onClosed("socket closed", true);
        t.emit("{\"type\":\"input_audio_buffer.speech_started\"}");
        h.scheduler.runPending();
        assertThat(h.state()).isEqualTo(VoiceState.IDLE);
        assertThat(h.session.inputLevel()).isZero();
    }

    @Test
    void aSpareSecretIsMintedAndRenewedBeforeItExpires() {
        h.connected();
        assertThat(h.minted).hasSize(2).as("the connection's secret, then a spare for reconnects");

        h.scheduler.advance(VoiceHarness.TTL.minus(Duration.ofSeconds(16)));
        assertThat(h.minted).hasSize(2);
        h.scheduler.advance(Duration.ofSeconds(2));
        assertThat(h.minted).as("renewed 15 s before expiry").hasSize(3);
        assertThat(h.state()).isEqualTo(VoiceState.READY);
    }

    @Test
    void theMeterReadsTheConnectionsInputLevel() {
        FakeTransport t = h.connected();
        t.level = 0.42;

        assertThat(h.session.inputLevel()).isEqualTo(0.42);
    }
}
