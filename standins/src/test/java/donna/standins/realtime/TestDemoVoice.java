package donna.standins.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Demo mode's voice acts: an unscripted spoken turn calls inbox_summary and reads out what the tool returned. */
class TestDemoVoice {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUMMARY = """
            {"unread":2,"from":[{"sender":"Ann Lee <ann@example.com>","count":1},
            {"sender":"Product News <news@updates.example.com>","count":1}],
            "needs_reply":[{"id":"m1","from":"Ann Lee <ann@example.com>","subject":"Lunch on Thursday?"}]}""";

    private FakeRealtimeConversation conversation(boolean demo, boolean offered) {
        ObjectNode minted = JSON.createObjectNode();
        if (offered) {
            minted.putArray("tools").addObject().put("type", "function").put("name", "inbox_summary");
        }
        RealtimeScript script = new RealtimeScript();
        script.demoActs(demo);
        FakeRealtimeConversation c = new FakeRealtimeConversation("sess_demo", MintedSessions.defaults(minted),
                AudioPath.EVENTS, script, Clock.systemUTC());
        List<String> out = new ArrayList<>();
        c.open(out::add);
        c.receive("""
                {"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}""");
        c.receive(Pcm.append(Pcm.voice(400)));
        c.receive("{\"type\":\"input_audio_buffer.commit\"}");
        c.receive("{\"type\":\"response.create\"}");
        return c;
    }

    @Test
    void a_spoken_turn_asks_for_the_inbox_summary_and_reads_the_result_out() {
        FakeRealtimeConversation c = conversation(true, true);

        assertThat(c.toolCalls()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("inbox_summary"));
        String callId = c.toolCalls().getFirst().callId();
        c.receive("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\",\"call_id\":\""
                + callId + "\",\"output\":" + JSON.valueToTree(SUMMARY.replace("\n", "")) + "}}");
        c.receive("{\"type\":\"response.create\"}");

        JsonNode spoken = c.items().getLast().role().equals("assistant") ? JSON.valueToTree(c.items().getLast().text())
                : null;
        assertThat(spoken).isNotNull();
        assertThat(spoken.asText()).isEqualTo(
                "You have 2 unread, from Ann Lee and Product News. Ann Lee may need a reply.");
    }

    @Test
    void outside_the_demo_or_without_the_tool_it_only_talks() {
        assertThat(conversation(false, true).toolCalls()).isEmpty();
        assertThat(conversation(true, false).toolCalls()).isEmpty();
    }

    @Test
    void a_failed_tool_is_said_as_a_failure() {
        assertThat(DemoVoice.say("{\"error\":{\"code\":\"gmail_not_connected\",\"message\":\"Gmail is not connected\"}}"))
                .isEqualTo("I couldn't read your inbox: Gmail is not connected.");
    }
}
