package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The follow-up window: after DONNA's spoken question, listen a few seconds with server VAD, without the key. */
class TestVoiceSessionFollowUp {
    private final VoiceHarness h = new VoiceHarness();

    private FakeTransport connectedWithFollowUp() {
        FakeTransport t = h.connected();
        h.session.setFollowUp(true);
        h.scheduler.runPending();
        return t;
    }

    /** A pressed turn, then DONNA answers {@code said} and her audio finishes playing. */
    private void donnaSays(String said) {
        h.talk(Duration.ofSeconds(1), 0.3);
        h.answerStarts("r1", "a1", said);
        h.answerEnds("r1", "a1", said);
    }

    private static JsonNode detection(FakeTransport t) {
        return t.lastSent("session.update").path("session").path("audio").path("input").get("turn_detection");
    }

    @Test
    void aQuestionOpensTheWindowWithServerVadAndACountdown() {
        FakeTransport t = connectedWithFollowUp();
        donnaSays("Shall I send it?");

        assertThat(t.micLive).isTrue();
        assertThat(detection(t).path("type").asText()).isEqualTo("server_vad");
        assertThat(detection(t).path("create_response").asBoolean()).isTrue();
        assertThat(h.followUps).containsExactly(new FollowUpWindow(true, 5));
        assertThat(h.state()).isEqualTo(VoiceState.READY);

        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(h.followUps.getLast()).isEqualTo(new FollowUpWindow(true, 4));
    }

    @Test
    void speechInTheWindowIsAnsweredWithoutAPressAndPushToTalkComesBack() {
        FakeTransport t = connectedWithFollowUp();
        donnaSays("Shall I send it?");
        int pressesBefore = t.sentTypes().stream().filter("input_audio_buffer.commit"::equals).toList().size();
        h.scheduler.advance(Duration.ofSeconds(2));

        h.emit("{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":\"u2\"}");
        assertThat(h.state()).isEqualTo(VoiceState.LISTENING);
        assertThat(h.followUps.getLast()).isEqualTo(FollowUpWindow.CLOSED);
        h.scheduler.advance(Duration.ofSeconds(10));
        assertThat(t.micLive).as("the window's end does not cut off a started answer").isTrue();

        h.emit("{\"type\":\"input_audio_buffer.speech_stopped\",\"item_id\":\"u2\"}");
        assertThat(h.state()).isEqualTo(VoiceState.THINKING);
        assertThat(t.micLive).isFalse();
        h.answerStarts("r2", "a2", "Sent.");

        assertThat(h.state()).isEqualTo(VoiceState.SPEAKING);
        assertThat(detection(t).isNull()).as("push-to-talk restored").isTrue();
        assertThat(t.sentTypes().stream().filter("input_audio_buffer.commit"::equals).toList())
                .as("the server committed the answer, not the app").hasSize(pressesBefore);
        assertThat(t.sentTypes().stream().filter("response.create"::equals).toList()).hasSize(1);
    }

    @Test
    void silenceClosesTheWindowAndRestoresPushToTalk() {
        FakeTransport t = connectedWithFollowUp();
        donnaSays("Anything else?");

        h.scheduler.advance(Duration.ofSeconds(5));

        assertThat(t.micLive).isFalse();
        assertThat(detection(t).isNull()).isTrue();
        assertThat(t.sentTypes().getLast()).isEqualTo("input_audio_buffer.clear");
        assertThat(h.followUps).containsExactly(new FollowUpWindow(true, 5), new FollowUpWindow(true, 4),
                new FollowUpWindow(true, 3), new FollowUpWindow(true, 2), new FollowUpWindow(true, 1),
                FollowUpWindow.CLOSED);
        assertThat(h.state()).isEqualTo(VoiceState.READY);
        h.scheduler.advance(Duration.ofSeconds(10));
        assertThat(h.followUps).as("no countdown left behind").hasSize(6);
    }

    @Test
    void aStatementOpensNothing() {
        FakeTransport t = connectedWithFollowUp();
        donnaSays("I sent it.");

        assertThat(t.micLive).isFalse();
        assertThat(h.followUps).isEmpty();
        assertThat(detection(t).isNull()).isTrue();
    }

    @Test
    void offByDefault() {
        FakeTransport t = h.connected();
        donnaSays("Shall I send it?");

        assertThat(t.micLive).isFalse();
        assertThat(h.followUps).isEmpty();
        assertThat(t.sentTypes().stream().filter("session.update"::equals).toList()).hasSize(1);
    }

    @Test
    void neverInTheBackground() {
        FakeTransport t = connectedWithFollowUp();
        h.session.setForeground(false);
        h.scheduler.runPending();
        donnaSays("Shall I send it?");

        assertThat(t.micLive).isFalse();
        assertThat(h.followUps).isEmpty();
    }

    @Test
    void goingToTheBackgroundClosesAnOpenWindow() {
        FakeTransport t = connectedWithFollowUp();
        donnaSays("Shall I send it?");
        assertThat(t.micLive).isTrue();

        h.session.setForeground(false);
        h.scheduler.runPending();

        assertThat(t.micLive).isFalse();
        assertThat(detection(t).isNull()).isTrue();
        assertThat(h.followUps.getLast()).isEqualTo(FollowUpWindow.CLOSED);
    }

    @Test
    void aPressDuringTheWindowIsANormalPress() {
        FakeTransport t = connectedWithFollowUp();
        donnaSays("Shall I send it?");

        h.talk(Duration.ofSeconds(1), 0.3);

        assertThat(h.followUps.getLast()).isEqualTo(FollowUpWindow.CLOSED);
        assertThat(detection(t).isNull()).as("push-to-talk before the press").isTrue();
        assertThat(t.sentTypes().subList(t.sentTypes().size() - 2, t.sentTypes().size()))
                .containsExactly("input_audio_buffer.commit", "response.create");
        assertThat(h.state()).isEqualTo(VoiceState.THINKING);
        h.scheduler.advance(Duration.ofSeconds(10));
        assertThat(h.followUps.getLast()).as("the countdown stopped").isEqualTo(FollowUpWindow.CLOSED);
    }

    @Test
    void aPathWithoutServerDetectionKeepsTheWindowClosed() {
        FakeTransport t = connectedWithFollowUp();
        t.serverTurnDetection = false; // batch, GPT-Live
        donnaSays("Shall I send it?");

        assertThat(t.micLive).isFalse();
        assertThat(h.followUps).isEmpty();
    }

    @Test
    void questionMarksAreReadAfterClosingQuotes() {
        assertThat(FollowUpWindow.asksQuestion("Did he say \"tomorrow?\"")).isTrue();
        assertThat(FollowUpWindow.asksQuestion("Send it？")).isTrue();
        assertThat(FollowUpWindow.asksQuestion("Is it done? I think so.")).isFalse();
        assertThat(FollowUpWindow.asksQuestion("")).isFalse();
    }
}
