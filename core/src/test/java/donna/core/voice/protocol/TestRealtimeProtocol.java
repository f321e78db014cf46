package donna.core.voice.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TestRealtimeProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void parsesTheEventsOfAPushToTalkTurn() {
        assertThat(RealtimeProtocol.parse("""
                {"type":"session.updated","event_id":"e1","session":{"id":"sess_1","type":"realtime",
                 "audio":{"input":{"turn_detection":{"type":"semantic_vad"}}}}}"""))
                .isEqualTo(new ServerEvent.SessionUpdated("sess_1", "semantic_vad"));
        assertThat(RealtimeProtocol.parse("""
                {"type":"input_audio_buffer.committed","event_id":"e2","previous_item_id":null,"item_id":"item_u1"}"""))
                .isEqualTo(new ServerEvent.AudioCommitted("item_u1", null));
        assertThat(RealtimeProtocol.parse("""
                {"type":"conversation.item.input_audio_transcription.completed","item_id":"item_u1",
                 "content_index":0,"transcript":"What's on today?"}"""))
                .isEqualTo(new ServerEvent.InputTranscript("item_u1", "What's on today?"));
        assertThat(RealtimeProtocol.parse("""
                {"type":"response.output_item.added","response_id":"resp_1","output_index":0,
                 "item":{"id":"item_a1","type":"message","role":"assistant","content":[]}}"""))
                .isEqualTo(new ServerEvent.OutputItemAdded("resp_1", "item_a1", "assistant"));
        assertThat(RealtimeProtocol.parse("""
                {"type":"response.output_audio_transcript.delta","response_id":"resp_1","item_id":"item_a1",
                 "output_index":0,"content_index":0,"delta":"Two "}"""))
                .isEqualTo(new ServerEvent.TranscriptDelta("resp_1", "item_a1", "Two "));
        assertThat(RealtimeProtocol.parse("""
                {"type":"output_audio_buffer.started","response_id":"resp_1"}"""))
                .isEqualTo(new ServerEvent.PlaybackStarted("resp_1"));
        assertThat(RealtimeProtocol.parse("""
                {"type":"response.done","response":{"id":"resp_1","status":"cancelled",
                 "status_details":{"type":"cancelled","reason":"client_cancelled"}}}"""))
                .isEqualTo(new ServerEvent.ResponseDone("resp_1", "cancelled", "client_cancelled"));
    }

    @Test
    void errorsCarryCodeMessageAndTheOffendingEvent() {
        ServerEvent event = RealtimeProtocol.parse("""
                {"type":"error","event_id":"e9","error":{"type":"invalid_request_error","code":"invalid_value",
                 "message":"audio_end_ms must be greater than 0","param":"audio_end_ms","event_id":"c7"}}""");

        assertThat(event).isEqualTo(new ServerEvent.Error("invalid_value", "audio_end_ms must be greater than 0",
                "audio_end_ms", "c7"));
    }

    @Test
    void unknownAndMalformedEventsAreKeptNotThrown() {
        String future = "{\"type\":\"rate_limits.updated\",\"rate_limits\":[]}";
        assertThat(RealtimeProtocol.parse(future)).isEqualTo(new ServerEvent.Unknown("rate_limits.updated", future));
        assertThat(RealtimeProtocol.parse("not json {")).isEqualTo(new ServerEvent.Unknown(null, "not json {"));
        assertThat(RealtimeProtocol.parse("[1,2]")).isEqualTo(new ServerEvent.Unknown(null, "[1,2]"));
        assertThat(RealtimeProtocol.parse("{\"no\":\"type\"}")).isInstanceOf(ServerEvent.Unknown.class);
        // A known type with fields of the wrong shape still parses, to nulls, rather than failing.
        assertThat(RealtimeProtocol.parse("{\"type\":\"response.created\",\"response\":[]}"))
                .isEqualTo(new ServerEvent.ResponseCreated(null));
    }

    @Test
    void pushToTalkTurnsDetectionOffWithAnExplicitNull() throws Exception {
        JsonNode update = JSON.readTree(RealtimeProtocol.write(new ClientEvent.SessionUpdate(SessionConfig.pushToTalk())));

        assertThat(update.path("type").asText()).isEqualTo("session.update");
        assertThat(update.path("session").path("type").asText()).isEqualTo("realtime");
        JsonNode input = update.path("session").path("audio").path("input");
        assertThat(input.has("turn_detection")).isTrue();
        assertThat(input.get("turn_detection").isNull()).isTrue();
        assertThat(input.path("transcription").path("model").asText()).isNotBlank();
        assertThat(update.path("session").has("instructions")).as("minted instructions are kept").isFalse();
    }

    @Test
    void handsFreeAsksForServerOrSemanticDetection() throws Exception {
        JsonNode update = JSON.readTree(RealtimeProtocol.write(
                new ClientEvent.SessionUpdate(SessionConfig.handsFree(TurnDetection.SEMANTIC_VAD))));

        JsonNode detection = update.path("session").path("audio").path("input").path("turn_detection");
        assertThat(detection.path("type").asText()).isEqualTo("semantic_vad");
        assertThat(detection.path("create_response").asBoolean()).isTrue();
        assertThat(detection.path("interrupt_response").asBoolean()).isTrue();
    }

    @Test
    void writesBargeInAndRestoreEvents() throws Exception {
        assertThat(JSON.readTree(RealtimeProtocol.write(new ClientEvent.TruncateItem("item_a1", 0, 1234))))
                .isEqualTo(JSON.readTree("""
                        {"type":"conversation.item.truncate","item_id":"item_a1","content_index":0,"audio_end_ms":1234}"""));
        assertThat(JSON.readTree(RealtimeProtocol.write(new ClientEvent.CancelResponse(null))))
                .isEqualTo(JSON.readTree("{\"type\":\"response.cancel\"}"));
        assertThat(JSON.readTree(RealtimeProtocol.write(new ClientEvent.ClearOutputAudio())))
                .isEqualTo(JSON.readTree("{\"type\":\"output_audio_buffer.clear\"}"));
        assertThat(JSON.readTree(RealtimeProtocol.write(
                new ClientEvent.CreateMessage(ClientEvent.Role.ASSISTANT, "It's sunny."))))
                .isEqualTo(JSON.readTree("""
                        {"type":"conversation.item.create","item":{"type":"message","role":"assistant",
                         "content":[{"type":"output_text","text":"It's sunny."}]}}"""));
        assertThat(JSON.readTree(RealtimeProtocol.write(new ClientEvent.CreateMessage(ClientEvent.Role.USER, "Hi")))
                .path("item").path("content").get(0).path("type").asText()).isEqualTo("input_text");
    }

    @Test
    void aTruncateAtZeroMillisecondsCannotBeBuilt() {
        assertThatThrownBy(() -> new ClientEvent.TruncateItem("item_a1", 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio_end_ms");
    }

    @Test
    void parsesAFinishedFunctionCallFromEachEventThatCarriesIt() {
        assertThat(RealtimeProtocol.parse("""
                {"type":"response.function_call_arguments.done","event_id":"e5","response_id":"resp_1",
                 "item_id":"item_fc1","output_index":0,"call_id":"call_1","name":"search_mail",
                 "arguments":"{\\"query\\":\\"from:ann\\"}"}"""))
                .isEqualTo(new ServerEvent.FunctionCallDone("resp_1", "item_fc1", "call_1", "search_mail",
                        "{\"query\":\"from:ann\"}", true));
        assertThat(RealtimeProtocol.parse("""
                {"type":"response.output_item.done","response_id":"resp_1","output_index":0,
                 "item":{"id":"item_fc1","object":"realtime.item","type":"function_call","status":"completed",
                  "name":"search_mail","call_id":"call_1","arguments":"{}"}}"""))
                .isEqualTo(new ServerEvent.FunctionCallDone("resp_1", "item_fc1", "call_1", "search_mail", "{}", true));
        assertThat(RealtimeProtocol.parse("""
                {"type":"response.output_item.done","response_id":"resp_1","output_index":0,
                 "item":{"id":"item_fc2","type":"function_call","status":"incomplete","name":"send_draft",
                  "call_id":"call_2","arguments":"{\\"draft"}}"""))
                .as("a call cut off by a cancel is marked, not run")
                .isEqualTo(new ServerEvent.FunctionCallDone("resp_1", "item_fc2", "call_2", "send_draft",
                        "{\"draft", false));
        // The arguments event may come without the name; the output item that follows has it.
        assertThat(RealtimeProtocol.parse("""
                {"type":"response.function_call_arguments.done","response_id":"r","item_id":"i","call_id":"c",
                 "arguments":"{}"}""")).isEqualTo(new ServerEvent.FunctionCallDone("r", "i", "c", null, "{}", true));
    }

    @Test
    void aMessageOutputItemIsNotACallAndResponseDoneListsItsCalls() {
        String message = """
                {"type":"response.output_item.done","response_id":"resp_1","output_index":0,
                 "item":{"id":"item_a1","type":"message","role":"assistant","status":"completed","content":[]}}""";
        assertThat(RealtimeProtocol.parse(message)).isEqualTo(new ServerEvent.Unknown("response.output_item.done",
                message));

        ServerEvent done = RealtimeProtocol.parse("""
                {"type":"response.done","response":{"id":"resp_1","status":"completed","output":[
                 {"id":"item_a1","type":"message","role":"assistant","content":[]},
                 {"id":"item_fc1","type":"function_call","status":"completed","name":"search_mail","call_id":"call_1",
                  "arguments":"{}"},
                 {"id":"item_fc2","type":"function_call","status":"completed","name":"search_history",
                  "call_id":"call_2","arguments":"{\\"text\\":\\"x\\"}"}]}}""");

        assertThat(done).isInstanceOf(ServerEvent.ResponseDone.class);
        assertThat(((ServerEvent.ResponseDone) done).calls()).extracting(ServerEvent.FunctionCallDone::callId,
                ServerEvent.FunctionCallDone::name).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("call_1", "search_mail"),
                        org.assertj.core.groups.Tuple.tuple("call_2", "search_history"));
    }

    @Test
    void writesAFunctionCallOutputItemWithItsOutputAsText() throws Exception {
        String output = "{\"messages\":[],\"note\":\"nothing found\"}";

        JsonNode event = JSON.readTree(RealtimeProtocol.write(new ClientEvent.FunctionCallOutput("call_1", output)));

        assertThat(event).isEqualTo(JSON.readTree("""
                {"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"call_1",
                 "output":"{\\"messages\\":[],\\"note\\":\\"nothing found\\"}"}}"""));
        assertThat(event.path("item").path("output").isTextual()).as("the API takes the output as a string").isTrue();
    }
}
