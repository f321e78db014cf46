package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.chat.NewMessage;
import donna.core.voice.live.LiveEventCodec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GPT-Live's delegated turns and the chat history: the typed turn that runs a delegation keeps the person's words and
 * DONNA's reply in the chat, so the session shows them but does not save them a second time (each spoken turn is in
 * the chat once); when the delegation fails nothing was kept, and the session saves the turn itself. The session runs
 * over a real {@link donna.core.voice.live.LiveTransport} and its codec; the test plays Live's own events.
 */
class TestVoiceSessionDelegatedTurns {
    private static final String WORDS = "Remember that my favourite colour is green";
    private static final String ANSWER = "Noted: your favourite colour is green.";

    private final VoiceHarness h = new VoiceHarness();

    @BeforeEach
    void live() {
        h.live = true;
        h.turnKeepingTools.add(LiveEventCodec.DELEGATION_TOOL);
        h.session.connect();
        h.scheduler.runPending();
        h.emit("{\"type\":\"session.started\",\"session\":{\"id\":\"live_1\"}}");
        assertThat(h.state()).isEqualTo(VoiceState.READY);
    }

    @Test
    void aDelegatedTurnIsSavedOnceByTheTypedTurnAndLaterTurnsGoIntoItsChat() {
        delegatedTurn(WORDS);
        HarnessCall call = HarnessCall.of(h, LiveEventCodec.DELEGATION_TOOL);
        assertThat(call.arguments()).contains(WORDS);
        assertThat(h.saves).as("the words wait for the typed turn").isEmpty();

        h.toolAnswers(call.callId(), new ToolResult("{\"reply\":\"" + ANSWER + "\"}", "memory_saved",
                "{\"type\":\"memory_saved\",\"key\":\"favourite colour\",\"value\":\"green\"}", "Remembered",
                null, "chat-typed"));
        assertThat(h.transport().lastSent("session.commentary.append").path("content").asText()).isEqualTo(ANSWER);
        liveSays(ANSWER);

        assertThat(finals()).containsSubsequence(WORDS, ANSWER);
        assertThat(h.saves).as("the typed turn stored both").isEmpty();
        assertThat(h.chatSession).as("the typed turn's chat is the conversation's").isEqualTo("chat-typed");

        normalTurn("Thanks", "You're welcome.");

        assertThat(h.saves.stream().flatMap(List::stream).map(NewMessage::content))
                .containsExactly("Thanks", "You're welcome.");
        assertThat(h.saveChatIds).containsOnly("chat-typed");
    }

    @Test
    void aDelegationThatFailsKeptNothingSoTheSessionSavesTheTurn() {
        delegatedTurn("Summarise my inbox");
        HarnessCall call = HarnessCall.of(h, LiveEventCodec.DELEGATION_TOOL);

        h.toolAnswers(call.callId(), ToolResult.error("upstream_unavailable", "OpenAI is unavailable"));
        String said = h.transport().lastSent("session.commentary.append").path("content").asText();
        liveSays(said);

        assertThat(said).startsWith("That did not work");
        assertThat(h.saves.stream().flatMap(List::stream).map(NewMessage::content))
                .containsExactly("Summarise my inbox", said);
    }

    @Test
    void aTurnThatWasNotDelegatedIsSavedAsBefore() {
        normalTurn("What's on today?", "Two meetings.");

        assertThat(h.saves.stream().flatMap(List::stream).map(NewMessage::content))
                .containsExactly("What's on today?", "Two meetings.");
    }

    @Test
    void wordsThatArriveAfterTheToolAnsweredAreDecidedThen() {
        KeptTurns turns = new KeptTurns();
        NewMessage words = NewMessage.voice("user", WORDS);
        turns.handedOver("del_1", "item_1");
        turns.handedOver("del_2", "item_2");

        assertThat(turns.finished("del_1", true)).isEmpty();
        assertThat(turns.finished("del_2", false)).isEmpty();

        assertThat(turns.holdsWords("item_1", words)).as("kept: not saved").isTrue();
        assertThat(turns.holdsWords("item_2", words)).as("nothing kept: saved").isFalse();
        assertThat(turns.holdsWords("item_3", words)).as("another turn").isFalse();
        assertThat(turns.finished("del_3", false)).isEqualTo(Optional.empty());
    }

    /** A push-to-talk turn that Live hands to the client. */
    private void delegatedTurn(String words) {
        h.talk(Duration.ofMillis(600), 0.5);
        h.emit(liveDelta("session.input_transcript.delta", words));
        h.emit("{\"type\":\"session.delegation.created\",\"offset_ms\":900,\"delegation\":{\"id\":\"del_"
                + (h.toolCalls.size() + 1) + "\",\"type\":\"delegation\",\"target\":\"client\"}}");
    }

    /** A push-to-talk turn Live answers itself. */
    private void normalTurn(String words, String answer) {
        h.talk(Duration.ofMillis(600), 0.5);
        h.emit(liveDelta("session.input_transcript.delta", words));
        liveSays(answer);
    }

    /** Live speaks {@code text} and ends the answer. */
    private void liveSays(String text) {
        h.emit(liveDelta("session.output_transcript.delta", text));
        h.emit("{\"type\":\"session.usage.updated\",\"usage\":{}}");
        assertThat(h.state()).isEqualTo(VoiceState.READY);
    }

    private List<String> finals() {
        return h.transcripts.stream().filter(VoiceTranscript::done).map(VoiceTranscript::text).toList();
    }

    private static String liveDelta(String type, String text) {
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("type", type)
                .put("delta", text).put("start_ms", 0).put("end_ms", 10).toString();
    }

    /** The session's call of a tool, found by name. */
    private record HarnessCall(String callId, String arguments) {
        static HarnessCall of(VoiceHarness h, String name) {
            VoiceHarness.ToolCall c = h.toolCalls.stream().filter(t -> t.name().equals(name)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no call of " + name + "; calls " + h.toolCalls));
            return new HarnessCall(c.callId(), c.arguments());
        }
    }
}
