package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a {@link VoiceSession} tells the voice events log: connect time and transport, each answer's wait and audio,
 * barge-ins, reconnects, tool calls, errors and the end, under one session id; timings, counts, names and codes,
 * never what was said or a tool's arguments.
 */
class TestVoiceSessionEvents {
    private final VoiceHarness h = new VoiceHarness();

    @Test
    void aPushToTalkTurnIsConnectedTurnAndEndedWithTimingsOnly() {
        h.metering = true;
        h.session.connect();
        h.scheduler.runPending();
        h.scheduler.advance(Duration.ofMillis(300));
        h.confirm(h.transport());
        FakeTransport t = h.transport();
        h.talk(Duration.ofMillis(600), 0.2);
        h.scheduler.advance(Duration.ofMillis(450));
        t.played = 1_000;
        h.answerStarts("r1", "a1", "Two ", "meetings ");
        t.played = 2_800;
        h.answerEnds("r1", "a1", "Two meetings today.");
        assertThat(h.eventReports).as("nothing sent before the timer or the end").isEmpty();

        h.session.disconnect();
        h.scheduler.runPending();

        assertThat(h.eventReports).as("the end sends everything at once").hasSize(1);
        List<VoiceEvent> events = h.eventReports.getFirst();
        assertThat(events).extracting(VoiceEvent::type).containsExactly("connected", "turn", "ended");
        assertThat(events).extracting(VoiceEvent::sessionId).as("the metered session's id").containsOnly("vs-1");
        assertThat(events.get(0).data()).isEqualTo(Map.of("connect_ms", 300L, "transport", "webrtc"));
        assertThat(events.get(1).data()).isEqualTo(Map.of("release_to_first_audio_ms", 450L, "audio_ms", 1_800L,
                "transport", "webrtc", "interrupted", false));
        assertThat(events.get(2).data()).isEqualTo(Map.of("duration_s", 1L, "turns", 1));
        assertThat(events.toString()).doesNotContain("meetings", "Two");
    }

    @Test
    void withoutAMeteredSessionTheIdIsARandomUuidPerUse() {
        h.connected();
        h.session.disconnect();
        h.scheduler.runPending();
        h.connected();
        h.session.disconnect();
        h.scheduler.runPending();

        assertThat(h.eventReports).hasSize(2);
        String first = h.eventReports.get(0).getFirst().sessionId();
        String second = h.eventReports.get(1).getFirst().sessionId();
        assertThat(first).matches("[0-9a-f-]{36}").isNotEqualTo(second);
    }

    @Test
    void aBargeInRecordsThePlayedMillisecondsAndAnInterruptedTurn() {
        FakeTransport t = h.connected();
        h.talk(Duration.ofMillis(600), 0.2);
        h.answerStarts("r1", "a1", "Your ", "first ");
        t.played = 1_234;
        h.session.press();
        h.scheduler.runPending();
        h.session.disconnect();
        h.scheduler.runPending();

        List<VoiceEvent> events = h.eventReports.getFirst();
        assertThat(events).extracting(VoiceEvent::type).containsExactly("connected", "barge_in", "turn", "ended");
        assertThat(events.get(1).data()).isEqualTo(Map.of("played_ms", 1_234L));
        assertThat(events.get(2).data()).containsEntry("interrupted", true).containsEntry("audio_ms", 1_234L);
    }

    @Test
    void aToolCallRecordsItsNameTimeAndOutcomeNeverItsArguments() {
        h.connected();
        h.talk(Duration.ofMillis(600), 0.2);
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_1", "search_mail", "{\"query\":\"from:ann contract\"}");
        h.responseDone("r1", "completed");
        h.scheduler.advance(Duration.ofMillis(700));
        h.toolAnswers("call_1", ToolResult.error("gmail_not_connected", "Connect Gmail first"));
        h.session.disconnect();
        h.scheduler.runPending();

        VoiceEvent call = h.eventReports.getFirst().stream().filter(e -> e.type().equals("tool_call")).findFirst()
                .orElseThrow();
        assertThat(call.data()).isEqualTo(Map.of("tool", "search_mail", "ms", 700L, "ok", false,
                "error_code", "gmail_not_connected"));
        assertThat(h.eventReports.toString()).doesNotContain("ann", "contract", "Connect Gmail");
    }

    @Test
    void aDroppedConnectionIsAReconnectAndTheNewConnectionSaysSo() {
        FakeTransport first = h.connected();
        first.listener.onClosed("socket dropped", true);
        h.scheduler.runPending();
        h.scheduler.advance(Duration.ofMillis(250));
        h.confirm(h.transport());
        h.emit("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_value\","
                + "\"message\":\"Something about what you said\"}}");
        h.session.disconnect();
        h.scheduler.runPending();

        List<VoiceEvent> events = h.eventReports.getFirst();
        assertThat(events).extracting(VoiceEvent::type)
                .containsExactly("connected", "reconnect", "connected", "error", "ended");
        assertThat(events.get(1).data()).isEqualTo(Map.of("attempt", 1, "why", "dropped"));
        assertThat(events.get(2).data()).containsEntry("reconnect_attempt", 1);
        assertThat(events.get(3).data()).isEqualTo(Map.of("code", "invalid_value"));
        assertThat(events).extracting(VoiceEvent::sessionId).as("one session across the reconnect")
                .containsOnly(events.getFirst().sessionId());
    }

    @Test
    void aConnectionThatNeverOpensIsAnErrorAndAnEnd() {
        h.failConnects = 1;
        h.session.connect();
        h.scheduler.runPending();

        assertThat(h.state()).isEqualTo(VoiceState.FAILED);
        assertThat(h.eventReports.getFirst()).extracting(VoiceEvent::type).containsExactly("error", "ended");
        assertThat(h.eventReports.getFirst().getFirst().data()).isEqualTo(Map.of("code", "connect_failed"));
        assertThat(h.scheduler.pendingTimers()).isZero();
    }
}
