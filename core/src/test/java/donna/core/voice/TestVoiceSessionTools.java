package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spoken turns call DONNA's tools: a finished function call runs once, its result goes back, DONNA speaks it. */
class TestVoiceSessionTools {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEARCH_ARGS = "{\"query\":\"from:ann contract\",\"limit\":5}";
    private static final ToolResult THREE_FOUND = new ToolResult("{\"messages\":[{\"id\":\"m1\"},{\"id\":\"m2\"},"
            + "{\"id\":\"m3\"}]}", null, null, "Searched mail for from:ann contract: 3 found");

    private final VoiceHarness h = new VoiceHarness();

    /** A push-to-talk turn whose audio the server committed as {@code item_u1}; DONNA is thinking. */
    private FakeTransport askedSomething() {
        FakeTransport t = h.connected();
        h.talk(Duration.ofMillis(600), 0.2);
        h.committed("item_u1");
        return t;
    }

    /** The client events sent after the last {@code response.create} the user's turn asked for. */
    private static List<JsonNode> afterTurn(FakeTransport t) {
        int turn = t.sentTypes().indexOf("response.create");
        return t.sent.subList(turn + 1, t.sent.size());
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    private static JsonNode output(JsonNode event) throws Exception {
        assertThat(event.path("type").asText()).isEqualTo("conversation.item.create");
        assertThat(event.path("item").path("type").asText()).isEqualTo("function_call_output");
        return JSON.readTree(event.path("item").path("output").asText());
    }

    @Test
    void aFunctionCallRunsOnceAndItsOutputIsFollowedByOneResponseCreate() throws Exception {
        FakeTransport t = askedSomething();
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_1", "search_mail", SEARCH_ARGS);
        h.responseDone("r1", "completed");

        assertThat(h.toolCalls).as("arguments.done and output_item.done name one call: it runs once").hasSize(1);
        VoiceHarness.ToolCall call = h.toolCalls.getFirst();
        assertThat(call.name()).isEqualTo("search_mail");
        assertThat(JSON.readTree(call.arguments())).isEqualTo(JSON.readTree(SEARCH_ARGS));
        assertThat(call.callId()).isEqualTo("call_1");
        assertThat(h.state()).as("the turn goes on while the tool works").isEqualTo(VoiceState.THINKING);
        assertThat(h.steps).containsExactly(new ToolStep("call_1", "search_mail", ToolStep.Status.RUNNING, null));
        assertThat(afterTurn(t)).as("nothing is answered before the tool is").isEmpty();

        h.toolAnswers("call_1", THREE_FOUND);

        List<JsonNode> answer = afterTurn(t);
        assertThat(types(answer)).containsExactly("conversation.item.create", "response.create");
        assertThat(answer.getFirst().path("item").path("call_id").asText()).isEqualTo("call_1");
        assertThat(output(answer.getFirst()).path("messages")).hasSize(3);
        assertThat(h.steps.getLast()).isEqualTo(new ToolStep("call_1", "search_mail", ToolStep.Status.DONE,
                "Searched mail for from:ann contract: 3 found"));
        assertThat(h.state()).isEqualTo(VoiceState.THINKING);

        h.answerStarts("r2", "a2", "Ann ", "wrote ", "three ", "times.");
        assertThat(h.state()).isEqualTo(VoiceState.SPEAKING);
        h.answerEnds("r2", "a2", "Ann wrote three times.");
        assertThat(h.state()).isEqualTo(VoiceState.READY);
        assertThat(types(afterTurn(t))).as("one answer, asked for once").containsOnlyOnce("response.create");
    }

    @Test
    void theResponseDoneOutputAloneIsEnoughToRunTheCall() throws Exception {
        FakeTransport t = askedSomething();
        h.responseCreated("r1");
        h.emit("""
                {"type":"response.done","response":{"id":"r1","status":"completed","output":[
                 {"id":"fc1","type":"function_call","status":"completed","name":"inbox_summary","call_id":"call_9",
                  "arguments":"{}"}]}}""");

        assertThat(h.toolCalls).extracting(VoiceHarness.ToolCall::name).containsExactly("inbox_summary");
        h.toolAnswers("call_9", new ToolResult("{\"unread\":2}", null, null, "2 unread"));

        assertThat(types(afterTurn(t))).containsExactly("conversation.item.create", "response.create");
        assertThat(output(afterTurn(t).getFirst()).path("unread").asInt()).isEqualTo(2);
    }

    @Test
    void twoCallsInOneResponseRunInParallelAndAreAnsweredTogether() throws Exception {
        FakeTransport t = askedSomething();
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_a", "search_mail", SEARCH_ARGS);
        h.functionCall("r1", "fc2", "call_b", "search_history", "{\"text\":\"contract\"}");

        assertThat(h.toolCalls).as("the second runs while the first still works")
                .extracting(VoiceHarness.ToolCall::callId).containsExactly("call_a", "call_b");
        h.toolAnswers("call_b", new ToolResult("{\"hits\":[]}", null, null, "Searched history: nothing found"));
        h.responseDone("r1", "completed");
        assertThat(afterTurn(t)).as("one result of two: wait for the other").isEmpty();

        h.toolAnswers("call_a", THREE_FOUND);

        List<JsonNode> answer = afterTurn(t);
        assertThat(types(answer)).containsExactly("conversation.item.create", "conversation.item.create",
                "response.create");
        assertThat(answer.subList(0, 2)).extracting(e -> e.path("item").path("call_id").asText())
                .containsExactly("call_a", "call_b");
        assertThat(output(answer.get(1)).path("hits")).isEmpty();
    }

    @Test
    void theAnswerWaitsUntilTheResponseThatCalledIsDone() {
        FakeTransport t = askedSomething();
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_1", "search_mail", SEARCH_ARGS);

        h.toolAnswers("call_1", THREE_FOUND);
        assertThat(afterTurn(t)).as("a second call may still come in r1").isEmpty();

        h.responseDone("r1", "completed");
        assertThat(types(afterTurn(t))).containsExactly("conversation.item.create", "response.create");
    }

    @Test
    void aBargeInCancelsTheAnswerNotTheToolWhoseResultIsStillReturned() throws Exception {
        FakeTransport t = askedSomething();
        t.played = 2_000;
        // DONNA says she is looking while the model calls the tool in the same response.
        h.answerStarts("r1", "a1", "Let ", "me ", "look.");
        h.functionCall("r1", "fc1", "call_1", "search_mail", SEARCH_ARGS);
        t.played = 2_400;

        h.session.press();
        h.scheduler.runPending();

        assertThat(t.sentTypes()).contains("response.cancel");
        assertThat(t.lastSent("conversation.item.truncate").path("item_id").asText())
                .as("the spoken message is truncated, not the function call item").isEqualTo("a1");
        assertThat(h.toolCalls.getFirst().result()).as("the tool keeps running").isNotDone();
        h.responseDone("r1", "cancelled");
        assertThat(h.state()).isEqualTo(VoiceState.LISTENING);

        h.toolAnswers("call_1", THREE_FOUND);

        List<JsonNode> afterPress = t.sent.subList(t.sentTypes().lastIndexOf("input_audio_buffer.clear") + 1,
                t.sent.size());
        assertThat(types(afterPress)).as("the result is returned; no answer while the user holds the button")
                .containsExactly("conversation.item.create");
        assertThat(output(afterPress.getFirst()).path("messages")).hasSize(3);
        assertThat(h.state()).isEqualTo(VoiceState.LISTENING);

        h.scheduler.advance(Duration.ofMillis(500));
        h.session.release();
        h.scheduler.runPending();

        assertThat(t.sentTypes().subList(t.sentTypes().lastIndexOf("conversation.item.create"), t.sent.size()))
                .as("the user's new turn is answered once, with the tool's output already in the conversation")
                .containsExactly("conversation.item.create", "input_audio_buffer.commit", "response.create");
    }

    @Test
    void aToolResultThatWaitedForATapIsSpokenAfterIt() {
        FakeTransport t = askedSomething();
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_1", "read_mail", "{\"message_id\":\"m1\"}");
        h.responseDone("r1", "completed");
        assertThat(h.state()).isEqualTo(VoiceState.THINKING);

        h.session.press(); // while the tool works: nothing to cancel
        h.scheduler.runPending();
        assertThat(t.sentTypes()).doesNotContain("response.cancel");
        h.toolAnswers("call_1", new ToolResult("{\"subject\":\"Contract\"}", null, null, "Read Contract"));
        assertThat(t.sentTypes().getLast()).isEqualTo("conversation.item.create");

        h.session.release(); // a tap: no new turn
        h.scheduler.runPending();

        assertThat(t.sentTypes()).endsWith("conversation.item.create", "input_audio_buffer.clear", "response.create");
        assertThat(h.state()).isEqualTo(VoiceState.THINKING);
    }

    @Test
    void resultsThatArriveWhileDonnaSpeaksAreAskedForWhenSheStops() {
        FakeTransport t = askedSomething();
        h.answerStarts("r1", "a1", "Checking.");
        h.functionCall("r1", "fc1", "call_1", "inbox_summary", "{}");
        h.emit("{\"type\":\"response.done\",\"response\":{\"id\":\"r1\",\"status\":\"completed\"}}");
        h.toolAnswers("call_1", new ToolResult("{\"unread\":4}", null, null, "4 unread"));

        assertThat(t.sentTypes().getLast()).as("the output goes in at once; her audio still plays")
                .isEqualTo("conversation.item.create");

        h.emit("{\"type\":\"output_audio_buffer.stopped\",\"response_id\":\"r1\"}");

        assertThat(t.sentTypes().getLast()).isEqualTo("response.create");
        assertThat(h.state()).isEqualTo(VoiceState.THINKING);
    }

    @Test
    void aRunnerFailureBecomesAnErrorOutputNeverSilence() throws Exception {
        FakeTransport t = askedSomething();
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_1", "search_mail", SEARCH_ARGS);
        h.responseDone("r1", "completed");

        h.toolCalls.getFirst().result().completeExceptionally(new ServiceException(new ServiceError(0, "unreachable",
                "The DONNA service could not be reached", null)));
        h.scheduler.runPending();

        List<JsonNode> answer = afterTurn(t);
        assertThat(types(answer)).containsExactly("conversation.item.create", "response.create");
        JsonNode error = output(answer.getFirst()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unreachable");
        assertThat(error.path("message").asText()).isEqualTo("The DONNA service could not be reached");
        assertThat(h.steps.getLast()).isEqualTo(new ToolStep("call_1", "search_mail", ToolStep.Status.FAILED,
                "The DONNA service could not be reached"));
    }

    @Test
    void aToolThatFailsInItsWorkIsAFailedStepAndTheModelHearsWhy() throws Exception {
        FakeTransport t = askedSomething();
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_1", "search_mail", SEARCH_ARGS);
        h.responseDone("r1", "completed");

        h.toolAnswers("call_1", new ToolResult("{\"error\":{\"code\":\"gmail_not_connected\","
                + "\"message\":\"Gmail is not connected\"}}", null, null, null));

        assertThat(output(afterTurn(t).getFirst()).path("error").path("code").asText())
                .isEqualTo("gmail_not_connected");
        assertThat(h.steps.getLast().status()).isEqualTo(ToolStep.Status.FAILED);
        assertThat(h.steps.getLast().summary()).isEqualTo("Gmail is not connected");
    }

    @Test
    void aRunnerThatThrowsOrNeverAnswersIsAnsweredForToo() throws Exception {
        VoiceHarness throwing = new VoiceHarness();
        // A runner that throws at once (not through its future) is a failure like any other.
        VoiceSession session = VoiceSession.builder().baseUrl(java.net.URI.create("https://realtime.example"))
                .tokens(() -> new RealtimeToken("ek", throwing.scheduler.now().plusSeconds(60), "gpt-realtime"))
                .transports(() -> {
                    FakeTransport ft = new FakeTransport(true);
                    throwing.transports.add(ft);
                    return ft;
                }).store((chat, messages) -> "chat-1").scheduler(throwing.scheduler).io(Runnable::run)
                .listener(throwing).tools((name, args, callId, chat, item) -> {
                    throw new IllegalStateException("no connection to the service");
                }).build();
        session.connect();
        throwing.scheduler.runPending();
        throwing.confirm(throwing.transport());
        throwing.responseCreated("r1");
        throwing.functionCall("r1", "fc1", "call_1", "remember", "{\"key\":\"sign-off\",\"value\":\"Best, Sam\"}");
        throwing.responseDone("r1", "completed");

        JsonNode thrown = output(throwing.transport().lastSent("conversation.item.create"));
        assertThat(thrown.path("error").path("code").asText()).isEqualTo("tool_failed");
        assertThat(thrown.path("error").path("message").asText()).isEqualTo("no connection to the service");
        assertThat(throwing.transport().sentTypes().getLast()).isEqualTo("response.create");

        // The harness's runner never answers unless told: the timeout answers for it.
        FakeTransport t = askedSomething();
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_1", "search_mail", SEARCH_ARGS);
        h.responseDone("r1", "completed");
        h.scheduler.advance(Duration.ofSeconds(46));

        assertThat(output(afterTurn(t).getFirst()).path("error").path("code").asText()).isEqualTo("tool_timeout");
        assertThat(t.sentTypes().getLast()).isEqualTo("response.create");
        h.toolAnswers("call_1", THREE_FOUND);
        assertThat(types(afterTurn(t))).as("a late result is dropped").containsOnlyOnce("conversation.item.create");
    }

    @Test
    void theCallNamesTheUsersLatestAudioItemAndTheChat() {
        askedSomething();
        h.emit("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"item_u1\","
                + "\"transcript\":\"What did Ann write?\"}");
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_1", "search_mail", SEARCH_ARGS);
        h.responseDone("r1", "completed");
        h.toolAnswers("call_1", THREE_FOUND);
        h.answerStarts("r2", "a2", "Shall ", "I ", "send ", "it?");
        h.answerEnds("r2", "a2", "Shall I send it?");

        h.talk(Duration.ofMillis(400), 0.2);
        h.committed("item_u2");
        h.responseCreated("r3");
        h.functionCall("r3", "fc3", "call_3", "confirm_action", "{\"action_id\":\"act_1\"}");

        assertThat(h.toolCalls).extracting(VoiceHarness.ToolCall::userItemId).containsExactly("item_u1", "item_u2");
        assertThat(h.toolCalls.getFirst().chatId()).as("the chat the transcript went into")
                .isEqualTo("chat-1");
        assertThat(h.toolCalls.getLast().chatId()).isEqualTo("chat-1");
    }

    @Test
    void actionsAndCardsReachTheListener() {
        askedSomething();
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_1", "draft_reply", "{\"message_id\":\"m1\",\"instructions\":\"Tuesday\"}");
        h.responseDone("r1", "completed");
        String draft = "{\"id\":\"d1\",\"to\":[\"ann@example.com\"],\"subject\":\"Re: Contract\",\"body\":\"Tuesday works.\"}";

        h.toolAnswers("call_1", new ToolResult("{\"draft\":" + draft + "}", "draft_ready", draft, "Drafted a reply"));

        assertThat(h.actions).containsExactly(new ToolAction("call_1", "draft_reply", "draft_ready", draft));
    }

    @Test
    void anIncompleteCallOfACancelledResponseDoesNotRun() {
        FakeTransport t = askedSomething();
        h.responseCreated("r1");
        h.emit("""
                {"type":"response.output_item.done","response_id":"r1","output_index":0,"item":{"id":"fc1",
                 "type":"function_call","status":"incomplete","name":"send_draft","call_id":"call_1",
                 "arguments":"{\\"draft_id\\":"}}""");
        h.responseDone("r1", "cancelled");

        assertThat(h.toolCalls).isEmpty();
        assertThat(t.sentTypes()).doesNotContain("conversation.item.create");
        assertThat(h.state()).isEqualTo(VoiceState.READY);
    }

    @Test
    void aDroppedConnectionSendsNothingOldIntoTheNewConversationButStillShowsTheStep() {
        FakeTransport first = askedSomething();
        h.responseCreated("r1");
        h.functionCall("r1", "fc1", "call_1", "search_mail", SEARCH_ARGS);
        h.responseDone("r1", "completed");

        first.listener.onClosed("network down", true);
        h.scheduler.advance(Duration.ofSeconds(1));
        FakeTransport second = h.transport();
        assertThat(second).isNotSameAs(first);
        h.confirm(second);
        h.toolAnswers("call_1", THREE_FOUND);

        assertThat(second.sentTypes()).doesNotContain("conversation.item.create", "response.create");
        assertThat(h.steps.getLast().status()).isEqualTo(ToolStep.Status.DONE);
        assertThat(h.state()).isEqualTo(VoiceState.READY);
    }
}
