package donna.standins.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.core.voice.ExecutorVoiceScheduler;
import donna.core.voice.RealtimeToken;
import donna.core.voice.ToolResult;
import donna.core.voice.ToolStep;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import donna.core.voice.VoiceState;
import donna.core.voice.VoiceTranscript;
import donna.core.voice.websocket.WebSocketTransport;
import donna.standins.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Realtime model can be scripted to call DONNA's tools, and records how the client answers. */
class TestFakeRealtimeTools {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PUSH_TO_TALK = """
            {"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}""";
    private static final String SEARCH = "{\"query\":\"from:ann\",\"limit\":5}";

    private final List<String> out = new ArrayList<>();
    private FakeOpenAi openai;

    @AfterEach
    void stop() {
        if (openai != null) {
            openai.close();
        }
    }

    private FakeRealtimeConversation committedTurn() {
        FakeRealtimeConversation c = FakeRealtimeConversation.standalone(AudioPath.EVENTS);
        c.open(out::add);
        c.receive(PUSH_TO_TALK);
        c.receive(Pcm.append(Pcm.voice(400)));
        c.receive("{\"type\":\"input_audio_buffer.commit\"}");
        return c;
    }

    private static String output(String callId, String output) {
        return "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\",\"call_id\":\""
                + callId + "\",\"output\":" + EventSocket.JSON.valueToTree(output) + "}}";
    }

    @Test
    void aScriptedResponseCallsTwoFunctionsTheWayTheGaApiReportsThem() {
        FakeRealtimeConversation c = committedTurn();
        c.callTools(new ScriptedCall("search_mail", SEARCH), new ScriptedCall("inbox_summary", "{}"));
        int before = c.sent().size();

        c.receive("{\"type\":\"response.create\"}");

        List<JsonNode> response = c.sent().subList(before, c.sent().size());
        assertThat(response).extracting(e -> e.path("type").asText()).containsExactly("response.created",
                "response.output_item.added", "conversation.item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "conversation.item.done",
                "response.output_item.added", "conversation.item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "conversation.item.done",
                "response.done");
        assertThat(c.speaking()).as("a function call response says nothing").isFalse();
        JsonNode args = response.get(4);
        String responseId = response.getFirst().path("response").path("id").asText();
        assertThat(args.path("response_id").asText()).isEqualTo(responseId);
        assertThat(args.path("name").asText()).isEqualTo("search_mail");
        assertThat(args.path("arguments").isTextual()).isTrue();
        assertThat(args.path("arguments").asText()).isEqualTo(SEARCH);
        JsonNode item = response.get(5).path("item");
        assertThat(item.path("type").asText()).isEqualTo("function_call");
        assertThat(item.path("status").asText()).isEqualTo("completed");
        assertThat(item.path("call_id").asText()).isEqualTo(args.path("call_id").asText());
        JsonNode done = response.getLast().path("response");
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("output")).extracting(o -> o.path("name").asText())
                .containsExactly("search_mail", "inbox_summary");
        assertThat(c.toolCalls()).extracting(ToolExchange::name, ToolExchange::output).containsExactly(
                org.assertj.core.groups.Tuple.tuple("search_mail", null),
                org.assertj.core.groups.Tuple.tuple("inbox_summary", null));
    }

    @Test
    void theOutputsAreRecordedAndTheNextResponseSpeaksTheScriptedAnswer() {
        FakeRealtimeConversation c = committedTurn();
        c.callTools(new ScriptedCall("search_mail", SEARCH)).answerWith("Ann wrote twice about the contract.");
        c.receive("{\"type\":\"response.create\"}");
        String callId = c.toolCalls().getFirst().callId();

        c.receive(output(callId, "{\"messages\":[{\"id\":\"m1\"},{\"id\":\"m2\"}]}"));
        c.receive("{\"type\":\"response.create\"}");

        assertThat(c.toolCalls().getFirst().output()).isEqualTo("{\"messages\":[{\"id\":\"m1\"},{\"id\":\"m2\"}]}");
        assertThat(c.receivedTypes()).endsWith("conversation.item.create", "response.create");
        assertThat(c.items()).extracting(ConversationItem::role).containsExactly("user", "function_call",
                "function_call_output", "assistant");
        assertThat(c.items().getLast().text()).isEqualTo("Ann wrote twice about the contract.");
        assertThat(c.speaking()).isTrue();
        assertThat(c.sentTypes()).doesNotContain("error");
    }

    @Test
    void withoutAScriptedAnswerItSaysItHasTheResults() {
        FakeRealtimeConversation c = committedTurn();
        c.callTools(new ScriptedCall("inbox_summary", "{}"));
        c.receive("{\"type\":\"response.create\"}");
        c.receive(output(c.toolCalls().getFirst().callId(), "{\"unread\":3}"));
        c.receive("{\"type\":\"response.create\"}");

        assertThat(c.items().getLast().text()).isEqualTo("This is DONNA's demo voice. I have the results of 1 tool.");
    }

    @Test
    void anOutputForACallNeverMadeOrWithoutTextIsAnError() {
        FakeRealtimeConversation c = committedTurn();
        c.callTools(new ScriptedCall("inbox_summary", "{}"));
        c.receive("{\"type\":\"response.create\"}");

        c.receive(output("call_nobody_made", "{}"));
        assertThat(c.sent().getLast().path("error").path("param").asText()).isEqualTo("item.call_id");

        c.receive("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\",\"call_id\":\""
                + c.toolCalls().getFirst().callId() + "\",\"output\":{\"unread\":3}}}");
        assertThat(c.sent().getLast().path("error").path("param").asText()).isEqualTo("item.output");
        assertThat(c.toolCalls().getFirst().output()).isNull();
    }

    @Test
    void overTheWebSocketAFunctionCallFollowsTheCommit() throws Exception {
        openai = FakeOpenAi.start();
        openai.realtime().hear("What did Ann write?").callTool("search_mail", SEARCH)
                .answer("Two mails from Ann.", Duration.ofMillis(300));
        try (EventSocket socket = EventSocket.connect(openai.baseUrl(), mint()).get(5, TimeUnit.SECONDS)) {
            socket.next("session.created");
            socket.send(PUSH_TO_TALK);
            socket.next("session.updated");
            socket.send(Pcm.append(Pcm.voice(300)));
            socket.send("{\"type\":\"input_audio_buffer.commit\"}");
            socket.send("{\"type\":\"response.create\"}");

            JsonNode call = socket.next("response.function_call_arguments.done");
            assertThat(call.path("name").asText()).isEqualTo("search_mail");
            socket.next("response.done");
            socket.send(output(call.path("call_id").asText(), "{\"messages\":[]}"));
            socket.send("{\"type\":\"response.create\"}");

            assertThat(socket.next("response.output_audio_transcript.done").path("transcript").asText())
                    .isEqualTo("Two mails from Ann.");
            FakeRealtimeConversation brain = openai.realtime().awaitConversation(1, WAIT);
            assertThat(brain.toolCalls().getFirst().output()).isEqualTo("{\"messages\":[]}");
        }
    }

    /** The real session over the WebSocket transport: the call runs through its ToolRunner and DONNA speaks. */
    @Test
    void aVoiceSessionOverTheWebSocketRunsTheToolAndAsksForOneAnswer() throws Exception {
        openai = FakeOpenAi.start();
        FakeRealtime realtime = openai.realtime();
        realtime.callTools(new ScriptedCall("search_mail", SEARCH), new ScriptedCall("search_history", "{}"))
                .answer("Ann wrote twice.", Duration.ofMillis(300));
        List<String> runs = new CopyOnWriteArrayList<>();
        List<ToolStep> steps = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        WavVoiceAudio audio = WavVoiceAudio.tone();
        OkHttpClient http = new OkHttpClient();
        ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
        try (ExecutorVoiceScheduler scheduler = new ExecutorVoiceScheduler();
                VoiceSession session = VoiceSession.builder().baseUrl(openai.baseUrl())
                        .tokens(() -> new RealtimeToken(mint(), Instant.now().plusSeconds(60), "gpt-realtime"))
                        .transports(() -> new WebSocketTransport(http, audio)).store((chat, messages) -> "chat-1")
                        .scheduler(scheduler).io(io).listener(new Steps(steps, ready))
                        .tools((name, args, callId, chat, item) -> {
                            runs.add(name + " " + item);
                            return CompletableFuture.completedFuture(new ToolResult("{\"found\":\"" + name + "\"}",
                                    null, null, name + " done"));
                        }).build()) {
            session.connect();
            FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);
            brain.awaitReceived("session.update", WAIT);
            assertThat(ready.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the session is ready").isTrue();
            audio.talking(true);
            session.press();
            brain.awaitVoice(300, WAIT);
            audio.talking(false);
            session.release();

            brain.awaitReceived(e -> brain.receivedTypes().stream().filter("response.create"::equals).count() == 2,
                    "the response.create after the outputs", WAIT);
            List<String> types = brain.receivedTypes();
            int commit = types.indexOf("input_audio_buffer.commit");
            assertThat(types.subList(commit, types.size())).containsExactly("input_audio_buffer.commit",
                    "response.create", "conversation.item.create", "conversation.item.create", "response.create");
            assertThat(brain.toolCalls()).extracting(ToolExchange::output).containsExactly(
                    "{\"found\":\"search_mail\"}", "{\"found\":\"search_history\"}");
            String userItem = brain.items().getFirst().id();
            assertThat(runs).containsExactlyInAnyOrder("search_mail " + userItem, "search_history " + userItem);
            assertThat(steps).filteredOn(s -> s.status() == ToolStep.Status.DONE).hasSize(2);
            brain.awaitReceived(e -> brain.items().getLast().text().equals("Ann wrote twice."), "the answer", WAIT);
        } finally {
            io.shutdownNow();
            audio.close();
            http.dispatcher().executorService().shutdown();
        }
    }

    private String mint() {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(openai.baseUrl()
                    + "/v1/realtime/client_secrets")).header("Authorization", "Bearer sk-any")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return EventSocket.JSON.readTree(response.body()).path("value").asText();
        } catch (Exception e) {
            throw new IllegalStateException("could not mint at the fake", e);
        }
    }

    /** Records the tool steps; {@code ready} opens when the session first is READY. */
    private record Steps(List<ToolStep> steps, CountDownLatch ready) implements VoiceSessionListener {
        @Override
        public void onState(VoiceState state, String detail) {
            if (state == VoiceState.READY) {
                ready.countDown();
            }
        }

        @Override
        public void onTranscript(VoiceTranscript transcript) {
        }

        @Override
        public void onNotice(String message) {
        }

        @Override
        public void onToolStep(ToolStep step) {
            steps.add(step);
        }
    }
}
