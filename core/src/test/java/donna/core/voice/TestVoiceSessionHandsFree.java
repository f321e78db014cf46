package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestVoiceSessionHandsFree {
    private final VoiceHarness h = new VoiceHarness();

    @Test
    void handsFreeAsksForServerTurnDetectionAndKeepsTheMicrophoneLive() {
        FakeTransport t = h.connected();
        h.session.setHandsFree(true);
        h.scheduler.runPending();

        assertThat(t.lastSent("session.update").path("session").path("audio").path("input").path("turn_detection")
                .path("type").asText()).isEqualTo("semantic_vad");
        assertThat(t.micLive).isTrue();

        h.session.setHandsFree(false);
        h.scheduler.runPending();
        assertThat(t.lastSent("session.update").path("session").path("audio").path("input").get("turn_detection")
                .isNull()).isTrue();
        assertThat(t.micLive).isFalse();
    }

    @Test
    void handsFreeChosenBeforeConnectingIsConfiguredAtConnect() {
        h.session.setHandsFree(true);
        FakeTransport t = h.connected();

        assertThat(t.lastSent("session.update").path("session").path("audio").path("input").path("turn_detection")
                .path("type").asText()).isEqualTo("semantic_vad");
        assertThat(t.micLive).isTrue();
    }

    @Test
    void detectedSpeechListensThenThinksAndTheServerAnswersByItself() {
        FakeTransport t = h.connected();
        h.session.setHandsFree(true);
        h.scheduler.runPending();

        h.emit("{\"type\":\"input_audio_buffer.speech_started\",\"audio_start_ms\":100,\"item_id\":\"u1\"}");
        assertThat(h.state()).isEqualTo(VoiceState.LISTENING);
        h.emit("{\"type\":\"input_audio_buffer.speech_stopped\",\"audio_end_ms\":900,\"item_id\":\"u1\"}");
        assertThat(h.state()).isEqualTo(VoiceState.THINKING);
        h.answerStarts("r1", "a1", "Sure.");
        assertThat(h.state()).isEqualTo(VoiceState.SPEAKING);

        assertThat(t.sentTypes()).as("no commit or response.create: the server does both")
                .doesNotContain("input_audio_buffer.commit", "response.create");
    }

    @Test
    void speechWhileDonnaSpeaksIsABargeIn() {
        FakeTransport t = h.connected();
        h.session.setHandsFree(true);
        h.scheduler.runPending();
        h.emit("{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":\"u1\"}");
        h.emit("{\"type\":\"input_audio_buffer.speech_stopped\",\"item_id\":\"u1\"}");
        h.answerStarts("r1", "a1", "Let ", "me ");
        t.played = 640;

        h.emit("{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":\"u2\"}");

        assertThat(t.sentTypes()).contains("response.cancel", "output_audio_buffer.clear");
        assertThat(t.lastSent("conversation.item.truncate").path("audio_end_ms").asLong()).isEqualTo(640);
        assertThat(h.state()).isEqualTo(VoiceState.LISTENING);
    }
}
