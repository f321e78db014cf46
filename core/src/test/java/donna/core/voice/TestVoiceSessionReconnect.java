package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestVoiceSessionReconnect {
    private final VoiceHarness h = new VoiceHarness();

    private void oneTurn(String said, String answer) {
        h.talk(Duration.ofMillis(600), 0.2);
        h.emit("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"u\","
                + "\"transcript\":\"" + said + "\"}");
        h.answerStarts("r-" + said.length(), "a-" + said.length(), answer);
        h.answerEnds("r-" + said.length(), "a-" + said.length(), answer);
    }

    @Test
    void aDroppedConnectionReconnectsWithTheSpareSecretAndRestoresRecentMessages() {
        FakeTransport first = h.connected();
        oneTurn("My name is Ada.", "Nice to meet you, Ada.");

        first.listener.onClosed("socket dropped", true);
        h.scheduler.runPending();

        assertThat(h.state()).isEqualTo(VoiceState.RECONNECTING);
        assertThat(h.details.getLast()).isEqualTo("Reconnecting (attempt 1 of 6): socket dropped");
        assertThat(first.closed).isTrue();
        h.scheduler.advance(Duration.ofMillis(249));
        assertThat(h.transports).hasSize(1);
        h.scheduler.advance(Duration.ofMillis(1));

        FakeTransport second = h.transport();
        assertThat(second).isNotSameAs(first);
        assertThat(second.request.clientSecret()).as("the spare, minted ahead").isEqualTo("ek_2");
        assertThat(second.sentTypes()).containsExactly("session.update");
        h.confirm(second);

        List<JsonNode> restored = second.sent.stream()
                .filter(e -> e.path("type").asText().equals("conversation.item.create")).toList();
        assertThat(restored).extracting(e -> e.path("item").path("role").asText()).containsExactly("user", "assistant");
        assertThat(restored).extracting(e -> e.path("item").path("content").get(0).path("text").asText())
                .containsExactly("My name is Ada.", "Nice to meet you, Ada.");
        assertThat(h.state()).isEqualTo(VoiceState.READY);
    }

    @Test
    void backoffDoublesAndTheSessionGivesUpAfterTheBoundWithTheReason() {
        FakeTransport first = h.connected();
        h.failConnects = 100;
        first.listener.onClosed("ICE failed", true);
        h.scheduler.runPending();

        long[] waits = {250, 500, 1000, 2000, 4000, 8000};
        for (int attempt = 1; attempt <= waits.length; attempt++) {
            int before = h.transports.size();
            h.scheduler.advance(Duration.ofMillis(waits[attempt - 1] - 1));
            assertThat(h.transports).as("attempt %d waits %d ms", attempt, waits[attempt - 1]).hasSize(before);
            h.scheduler.advance(Duration.ofMillis(1));
            assertThat(h.transports).hasSize(before + 1);
        }

        assertThat(h.state()).isEqualTo(VoiceState.FAILED);
        assertThat(h.details.getLast()).isEqualTo("Lost the connection and could not reconnect after 6 attempts: "
                + "no route to the voice service");
        assertThat(h.scheduler.pendingTimers()).isZero();
    }

    @Test
    void jitterShortensTheWait() {
        VoiceSettings settings = VoiceSettings.defaults();
        Backoff backoff = new Backoff(settings.backoffBase(), settings.backoffMax(), () -> 0.0);

        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(125));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(20)).isEqualTo(Duration.ofMillis(4000));
    }

    @Test
    void aReconnectAfterTheSecretsExpiredMintsAFreshOne() {
        FakeTransport first = h.connected();
        // The renewal timer is what keeps the spare fresh; here it could not run (service down), so it expired.
        h.failMints = 100;
        h.scheduler.advance(Duration.ofSeconds(120));
        h.failMints = 0;

        first.listener.onClosed("socket dropped", true);
        h.scheduler.runPending();
        h.scheduler.advance(Duration.ofMillis(250));

        String used = h.transport().request.clientSecret();
        RealtimeToken token = h.minted.stream().filter(m -> m.value().equals(used)).findFirst().orElseThrow();
        assertThat(token.expiresAt()).isAfter(h.scheduler.now());
        assertThat(used).isNotIn("ek_1", "ek_2");
    }

    @Test
    void theSessionOutlivesItsSecret() {
        FakeTransport t = h.connected();
        h.scheduler.advance(Duration.ofMinutes(5));

        assertThat(h.state()).isEqualTo(VoiceState.READY);
        assertThat(t.closed).isFalse();
        assertThat(h.transports).hasSize(1);
    }

    @Test
    void aCleanCloseByTheServerEndsTheSession() {
        FakeTransport t = h.connected();
        t.listener.onClosed("session expired", false);
        h.scheduler.runPending();

        assertThat(h.state()).isEqualTo(VoiceState.IDLE);
        assertThat(h.details.getLast()).isEqualTo("The voice session ended: session expired");
    }

    @Test
    void aDropMidAnswerKeepsWhatWasSaid() {
        FakeTransport first = h.connected();
        h.talk(Duration.ofMillis(600), 0.2);
        h.answerStarts("r1", "a1", "It ", "is ");

        first.listener.onClosed("socket dropped", true);
        h.scheduler.runPending();

        assertThat(h.transcripts.getLast().text()).isEqualTo("It is");
        assertThat(h.transcripts.getLast().interrupted()).isTrue();
        assertThat(h.state()).isEqualTo(VoiceState.RECONNECTING);
    }
}
