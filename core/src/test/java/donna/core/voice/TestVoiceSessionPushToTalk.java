package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.chat.NewMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestVoiceSessionPushToTalk {
    private final VoiceHarness h = new VoiceHarness();

    @Test
    void pressListensAndReleaseCommitsThenAsksForAResponse() {
        FakeTransport t = h.connected();
        t.level = 0.2;
        h.session.press();
        h.scheduler.runPending();

        assertThat(h.state()).isEqualTo(VoiceState.LISTENING);
        assertThat(t.micLive).isTrue();
        assertThat(t.sentTypes()).endsWith("input_audio_buffer.clear");

        h.scheduler.advance(Duration.ofMillis(800));
        h.session.release();
        h.scheduler.runPending();

        assertThat(t.micLive).isFalse();
        assertThat(t.sentTypes()).endsWith("input_audio_buffer.clear", "input_audio_buffer.commit", "response.create");
        assertThat(h.state()).isEqualTo(VoiceState.THINKING);
    }

    @Test
    void aTapShorterThan150MillisecondsIsIgnored() {
        FakeTransport t = h.connected();
        h.talk(Duration.ofMillis(140), 0.3);

        assertThat(t.sentTypes()).doesNotContain("input_audio_buffer.commit", "response.create");
        assertThat(t.sentTypes()).endsWith("input_audio_buffer.clear", "input_audio_buffer.clear");
        assertThat(h.state()).isEqualTo(VoiceState.READY);
        assertThat(h.notices.getLast()).contains("Hold the button");
    }

    @Test
    void aPressWithNoSoundFromTheMicrophoneIsIgnored() {
        FakeTransport t = h.connected();
        h.talk(Duration.ofMillis(900), 0.0);

        assertThat(t.sentTypes()).doesNotContain("input_audio_buffer.commit");
        assertThat(h.state()).isEqualTo(VoiceState.READY);
        assertThat(h.notices.getLast()).contains("No sound from the microphone");
    }

    @Test
    void voiceHeardOnlyMidPressCounts() {
        FakeTransport t = h.connected();
        h.session.press();
        h.scheduler.runPending();
        h.scheduler.advance(Duration.ofMillis(200));
        t.level = 0.5;
        h.scheduler.advance(Duration.ofMillis(40));
        t.level = 0;
        h.scheduler.advance(Duration.ofMillis(200));
        h.session.release();
        h.scheduler.runPending();

        assertThat(t.sentTypes()).contains("input_audio_buffer.commit", "response.create");
    }

    @Test
    void aTurnGoesThinkingSpeakingReadyWithLiveTranscriptsSavedAsVoiceInOneChat() {
        FakeTransport t = h.connected();
        h.talk(Duration.ofMillis(700), 0.2);
        h.emit("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"u1\","
                + "\"transcript\":\"What's on today?\"}");
        h.answerStarts("r1", "a1", "Two ", "meetings.");

        assertThat(h.state()).isEqualTo(VoiceState.SPEAKING);
        assertThat(h.transcripts).extracting(VoiceTranscript::text)
                .containsExactly("What's on today?", "Two ", "Two meetings.");
        assertThat(h.transcripts.getFirst().speaker()).isEqualTo(VoiceTranscript.Speaker.USER);

        h.answerEnds("r1", "a1", "Two meetings.");

        assertThat(h.state()).isEqualTo(VoiceState.READY);
        assertThat(h.transcripts.getLast()).isEqualTo(new VoiceTranscript(VoiceTranscript.Speaker.DONNA, "a1",
                "Two meetings.", true, false));
        assertThat(h.saves).containsExactly(List.of(NewMessage.voice("user", "What's on today?")),
                List.of(NewMessage.voice("assistant", "Two meetings.")));
        assertThat(h.saveChatIds).containsExactly(null, "chat-1");
        assertThat(h.chatSession).isEqualTo("chat-1");
        assertThat(h.states).containsSubsequence(VoiceState.LISTENING, VoiceState.THINKING, VoiceState.SPEAKING,
                VoiceState.READY);
        assertThat(t.closed).isFalse();
    }

    @Test
    void transcriptsGoIntoTheChatTheAppIsShowing() {
        h.session.useChat("chat-typed");
        h.connected();
        h.talk(Duration.ofMillis(700), 0.2);
        h.emit("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"u1\","
                + "\"transcript\":\"Hi\"}");

        assertThat(h.saveChatIds).containsExactly("chat-typed");
    }

    @Test
    void aSaveThatFailsIsRetriedThenReported() {
        h.connected();
        h.failSaves = 1;
        h.talk(Duration.ofMillis(700), 0.2);
        h.emit("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"u1\","
                + "\"transcript\":\"Remember milk\"}");
        assertThat(h.saves).isEmpty();

        h.scheduler.advance(Duration.ofSeconds(2));

        assertThat(h.saves).containsExactly(List.of(NewMessage.voice("user", "Remember milk")));

        h.failSaves = 3;
        h.emit("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"u2\","
                + "\"transcript\":\"And eggs\"}");
        h.scheduler.advance(Duration.ofSeconds(4));
        assertThat(h.notices.getLast()).startsWith("Could not save the voice transcript");
    }

    @Test
    void closingMidAnswerStillSavesWhatDonnaSaidEvenWhenTheFirstSaveFails() {
        h.connected();
        h.talk(Duration.ofMillis(700), 0.2);
        h.answerStarts("r1", "a1", "Your ", "first ", "meeting ");
        h.failSaves = 1;

        h.session.close();
        h.scheduler.runPending();
        assertThat(h.saves).isEmpty();
        h.scheduler.advance(Duration.ofSeconds(2));

        assertThat(h.state()).isEqualTo(VoiceState.IDLE);
        assertThat(h.saves).containsExactly(List.of(NewMessage.voice("assistant", "Your first meeting …")));
        assertThat(h.chatSession).isEqualTo("chat-1");
    }

    @Test
    void anEmptyCommitFromTheServerGoesBackToReady() {
        h.connected();
        h.talk(Duration.ofMillis(300), 0.2);
        h.emit("{\"type\":\"error\",\"error\":{\"code\":\"input_audio_buffer_commit_empty\","
                + "\"message\":\"buffer too small\"}}");

        assertThat(h.state()).isEqualTo(VoiceState.READY);
        assertThat(h.notices.getLast()).startsWith("Didn't catch that");
    }

    @Test
    void pressesWhileNotConnectedDoNothing() {
        h.session.press();
        h.session.release();
        h.scheduler.runPending();

        assertThat(h.states).isEmpty();
        assertThat(h.transports).isEmpty();
    }
}
