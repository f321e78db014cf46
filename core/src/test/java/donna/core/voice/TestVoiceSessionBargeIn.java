package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.core.chat.NewMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestVoiceSessionBargeIn {
    private final VoiceHarness h = new VoiceHarness();

    private FakeTransport speaking() {
        FakeTransport t = h.connected();
        t.played = 5_000; // earlier answers played before this one
        h.talk(Duration.ofMillis(600), 0.2);
        h.answerStarts("r1", "a1", "Your ", "first ", "meeting ");
        assertThat(h.state()).isEqualTo(VoiceState.SPEAKING);
        return t;
    }

    @Test
    void aPressWhileDonnaSpeaksCancelsClearsAndTruncatesToWhatWasPlayed() {
        FakeTransport t = speaking();
        t.played = 5_000 + 1_234;

        h.session.press();
        h.scheduler.runPending();

        assertThat(t.sentTypes()).containsSubsequence("response.cancel", "output_audio_buffer.clear",
                "conversation.item.truncate", "input_audio_buffer.clear");
        JsonNode truncate = t.lastSent("conversation.item.truncate");
        assertThat(truncate.path("item_id").asText()).isEqualTo("a1");
        assertThat(truncate.path("content_index").asInt()).isZero();
        assertThat(truncate.path("audio_end_ms").asLong()).isEqualTo(1_234);
        assertThat(t.playbackStops).isEqualTo(1);
        assertThat(h.state()).isEqualTo(VoiceState.LISTENING);
        assertThat(h.transcripts.getLast().interrupted()).isTrue();
        assertThat(h.saves.getLast()).containsExactly(NewMessage.voice("assistant", "Your first meeting …"));
    }

    @Test
    void overAWebSocketThereIsNoServerBufferToClear() {
        h.serverOutputBuffer = false;
        FakeTransport t = speaking();
        t.played = 5_300;

        h.session.press();
        h.scheduler.runPending();

        assertThat(t.sentTypes()).contains("response.cancel", "conversation.item.truncate")
                .doesNotContain("output_audio_buffer.clear");
        assertThat(t.playbackStops).as("the local queue is dropped").isEqualTo(1);
    }

    @Test
    void aResponseAlreadyGeneratedIsNotCancelledButStillTruncated() {
        FakeTransport t = speaking();
        h.emit("{\"type\":\"response.done\",\"response\":{\"id\":\"r1\",\"status\":\"completed\"}}");
        assertThat(h.state()).as("audio still playing").isEqualTo(VoiceState.SPEAKING);
        t.played = 5_800;

        h.session.press();
        h.scheduler.runPending();

        assertThat(t.sentTypes()).doesNotContain("response.cancel").contains("conversation.item.truncate");
        assertThat(t.lastSent("conversation.item.truncate").path("audio_end_ms").asLong()).isEqualTo(800);
    }

    @Test
    void nothingHeardYetMeansNoTruncateAtZero() {
        FakeTransport t = speaking();

        h.session.press();
        h.scheduler.runPending();

        assertThat(t.sentTypes()).contains("response.cancel").doesNotContain("conversation.item.truncate");
    }

    @Test
    void aPressWhileThinkingCancelsThePendingAnswer() {
        FakeTransport t = h.connected();
        h.talk(Duration.ofMillis(600), 0.2);
        h.emit("{\"type\":\"response.created\",\"response\":{\"id\":\"r1\"}}");

        h.session.press();
        h.scheduler.runPending();

        assertThat(t.sentTypes()).contains("response.cancel").doesNotContain("conversation.item.truncate");
        assertThat(h.state()).isEqualTo(VoiceState.LISTENING);
    }

    @Test
    void eventsOfTheCancelledResponseAreIgnored() {
        FakeTransport t = speaking();
        t.played = 5_500;
        h.session.press();
        h.scheduler.runPending();
        int saves = h.saves.size();

        h.emit("{\"type\":\"response.output_audio_transcript.done\",\"response_id\":\"r1\",\"item_id\":\"a1\","
                + "\"transcript\":\"Your first meeting is at nine.\"}");
        h.emit("{\"type\":\"response.done\",\"response\":{\"id\":\"r1\",\"status\":\"cancelled\"}}");
        h.emit("{\"type\":\"output_audio_buffer.cleared\",\"response_id\":\"r1\"}");
        h.emit("{\"type\":\"error\",\"error\":{\"code\":\"response_cancel_not_active\",\"message\":\"none\"}}");

        assertThat(h.state()).isEqualTo(VoiceState.LISTENING);
        assertThat(h.saves).hasSize(saves);
        assertThat(h.notices).noneMatch(n -> n.contains("problem"));
    }
}
