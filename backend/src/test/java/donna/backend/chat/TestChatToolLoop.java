package donna.backend.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolOutcome;
import donna.backend.users.User;
import donna.backend.users.UserRepository;
import donna.standins.openai.Endpoint;
import donna.standins.openai.Failure;
import donna.standins.openai.RecordedRequest;
import donna.standins.openai.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed turns run the tool loop: model -> tools (together) -> function_call_output -> model, bounded. */
class TestChatToolLoop {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeTools TOOLS = new FakeTools("search_mail", "read_mail", "inbox_summary",
            "draft_reply", "confirm_action", "send_draft");
    private static ChatFixture fx;

    @BeforeAll
    static void start(@TempDir Path dir) {
        fx = new ChatFixture(dir, ignored -> TOOLS);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.openAi.reset();
        TOOLS.reset();
    }

    private static Reply.Call call(String id, String name, String args) {
        return Reply.Call.withId(id, name, args);
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private List<RecordedRequest> responses() {
        return fx.openAi.requests(Endpoint.RESPONSES);
    }

    @Test
    void several_steps_feed_each_output_back_and_every_call_shares_the_turns_context() {
        TOOLS.on("search_mail", (ctx, args) -> ToolOutcome.ok(object().set("messages", JSON.createArrayNode()
                .add(object().put("id", "m1").put("from", "ann@example.com"))), "1 found"));
        TOOLS.on("read_mail", (ctx, args) -> ToolOutcome.ok(object().put("id", args.path("message_id").asText())
                .put("text", "The contract is signed."), "read 1 mail"));
        fx.openAi.replyWithFunctionCalls(call("c1", "search_mail", "{\"query\":\"from:ann contract\"}"));
        fx.openAi.replyWithFunctionCalls(call("c2", "read_mail", "{\"message_id\":\"m1\"}"));
        fx.openAi.replyWith("Ann says the contract is signed.");

        JsonNode body = fx.chat("loop-user", "{\"message\":\"What did Ann write about the contract?\","
                + "\"client_outbox\":true}").json();

        assertThat(body.path("reply").asText()).isEqualTo("Ann says the contract is signed.");
        assertThat(body.path("action").asText()).isEqualTo("chat");
        assertThat(body.path("metadata").path("tool_steps")).extracting(s -> s.path("call_id").asText() + ":"
                + s.path("name").asText() + ":" + s.path("status").asText() + ":" + s.path("summary").asText())
                .containsExactly("c1:search_mail:done:1 found", "c2:read_mail:done:read 1 mail");
        assertThat(body.path("metadata").path("tool_steps").get(0).has("duration_ms")).isTrue();

        List<RecordedRequest> sent = responses();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).tools()).extracting(t -> t.path("name").asText()).contains("search_mail",
                "read_mail");
        assertThat(sent.get(0).instructions()).contains("Only say something was done when a tool's output says so");
        assertThat(sent.get(1).functionCalls()).extracting(RecordedRequest.CallEcho::callId).containsExactly("c1");
        assertThat(sent.get(1).functionCallOutputs()).singleElement()
                .satisfies(o -> assertThat(o.output()).contains("ann@example.com"));
        assertThat(sent.get(2).functionCalls()).extracting(RecordedRequest.CallEcho::callId)
                .containsExactly("c1", "c2");
        assertThat(sent.get(2).functionCallOutputs()).extracting(RecordedRequest.CallOutput::callId)
                .containsExactly("c1", "c2");
        assertThat(sent.get(2).functionCallOutputs().get(1).output()).contains("The contract is signed.");

        List<FakeTools.Call> calls = TOOLS.calls();
        assertThat(calls).hasSize(2);
        ToolCallContext first = calls.get(0).context();
        assertThat(first.chatId()).isEqualTo(body.path("metadata").path("chat_id").asText());
        assertThat(first.turnId()).isNotBlank().isEqualTo(calls.get(1).context().turnId());
        assertThat(first.userText()).isEqualTo("What did Ann write about the contract?");
        assertThat(first.clientOutbox()).isTrue();
        assertThat(first.channel()).isEqualTo("chat");
        assertThat(first.user().clerkId()).isEqualTo("loop-user");
        assertThat(calls.get(1).arguments().path("message_id").asText()).isEqualTo("m1");
    }

    @Test
    void two_calls_of_one_response_run_together_and_are_answered_together() {
        CountDownLatch bothRunning = new CountDownLatch(2);
        TOOLS.on("search_mail", (ctx, args) -> together(bothRunning));
        TOOLS.on("inbox_summary", (ctx, args) -> together(bothRunning));
        fx.openAi.replyWithFunctionCalls(call("a", "search_mail", "{}"), call("b", "inbox_summary", "{}"));
        fx.openAi.replyWith("Both done.");

        JsonNode body = fx.chat("parallel-user", "{\"message\":\"two things at once\"}").json();

        assertThat(body.path("reply").asText()).isEqualTo("Both done.");
        RecordedRequest second = responses().get(1);
        assertThat(second.functionCallOutputs()).extracting(RecordedRequest.CallOutput::callId)
                .containsExactly("a", "b");
        // Each tool waited for the other to be running: sequential calls would have timed out here.
        assertThat(second.functionCallOutputs()).allSatisfy(o -> assertThat(o.output()).contains("\"together\":true"));
        assertThat(TOOLS.calls().get(0).context().clientOutbox()).isFalse();
    }

    private static ToolOutcome together(CountDownLatch latch) {
        latch.countDown();
        try {
            return ToolOutcome.ok(object().put("together", latch.await(5, TimeUnit.SECONDS)), "ran");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolOutcome.error("interrupted", "interrupted");
        }
    }

    @Test
    void a_failing_or_refused_tool_becomes_its_calls_error_output_never_a_failed_turn() {
        TOOLS.on("confirm_action", (ctx, args) -> {
            throw new ApiException(409, "confirmation_not_from_user", "The person has not said yes yet");
        });
        TOOLS.on("search_mail", (ctx, args) -> ToolOutcome.error("gmail_not_connected", "Gmail is not connected"));
        TOOLS.on("read_mail", (ctx, args) -> {
            throw new IllegalStateException("boom: internal detail");
        });
        fx.openAi.replyWithFunctionCalls(call("x", "confirm_action", "{\"action_id\":\"a1\"}"),
                call("y", "search_mail", "{}"), call("z", "read_mail", "not json"),
                call("w", "read_mail", "{}"));
        fx.openAi.replyWith("I could not do that.");

        Http.Response response = fx.chat("failing-user", "{\"message\":\"send it\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("reply").asText()).isEqualTo("I could not do that.");
        assertThat(body.path("metadata").path("tool_steps")).extracting(s -> s.path("status").asText())
                .containsExactly("failed", "failed", "failed", "failed");
        List<RecordedRequest.CallOutput> outputs = responses().get(1).functionCallOutputs();
        assertThat(outputs).extracting(o -> Json.tree(o.output()).path("error").path("code").asText())
                .containsExactly("confirmation_not_from_user", "gmail_not_connected", "invalid_arguments",
                        "tool_failed");
        assertThat(outputs.get(3).output()).doesNotContain("boom");
        // Arguments that are not JSON never reach the executor.
        assertThat(TOOLS.calls()).extracting(FakeTools.Call::name)
                .containsExactlyInAnyOrder("confirm_action", "search_mail", "read_mail");
    }

    @Test
    void a_tool_that_produced_something_for_the_person_is_the_action_and_its_card_is_listed() {
        TOOLS.on("draft_reply", (ctx, args) -> new ToolOutcome(object().set("draft", object().put("id", "d1")),
                "draft_ready", object().set("draft", object().put("id", "d1").put("subject", "Re: Lunch")),
                "drafted a reply"));
        fx.openAi.replyWithFunctionCalls(call("d", "draft_reply", "{\"message_id\":\"m1\"}"));
        fx.openAi.replyWith("I drafted a reply; it's below.");

        JsonNode body = fx.chat("draft-user", "{\"message\":\"draft a reply to Ann saying yes\"}").json();

        assertThat(body.path("action").asText()).isEqualTo("draft_ready");
        assertThat(body.path("metadata").path("actions")).singleElement().satisfies(a -> {
            assertThat(a.path("type").asText()).isEqualTo("draft_ready");
            assertThat(a.path("draft").path("subject").asText()).isEqualTo("Re: Lunch");
        });
    }

    @Test
    void the_loop_stops_after_six_model_calls_the_last_offered_no_tools_and_says_what_was_done() {
        AtomicInteger runs = new AtomicInteger();
        TOOLS.on("search_mail", (ctx, args) -> ToolOutcome.ok(object(), "searched " + runs.incrementAndGet()));
        for (int i = 0; i < 7; i++) {
            fx.openAi.replyWithFunctionCalls(call("s" + i, "search_mail", "{}"));
        }

        JsonNode body = fx.chat("bound-user", "{\"message\":\"search forever\"}").json();

        List<RecordedRequest> sent = responses();
        assertThat(sent).hasSize(6);
        assertThat(sent.subList(0, 5)).allSatisfy(r -> assertThat(r.tools().isArray()).isTrue());
        assertThat(sent.get(5).tools().isMissingNode()).isTrue();
        assertThat(runs.get()).isEqualTo(5);
        assertThat(body.path("metadata").path("tool_steps")).hasSize(5);
        assertThat(body.path("reply").asText()).contains("I stopped before finishing").contains("searched 5");
    }

    @Test
    void nothing_is_persisted_when_the_model_fails_after_a_tool_ran() {
        String chatId = "failed-turn-" + UUID.randomUUID();
        TOOLS.on("search_mail", (ctx, args) -> {
            fx.openAi.failNext(1, Failure.status(400, "Invalid input"));  // the next model call is refused
            return ToolOutcome.ok(object(), "0 found");
        });
        fx.openAi.replyWithFunctionCalls(call("f", "search_mail", "{}"));

        Http.Response response = fx.chat("failed-user", "{\"message\":\"search\",\"chat_id\":\"" + chatId + "\"}");

        assertThat(response.status()).isEqualTo(502);
        assertThat(TOOLS.calls()).hasSize(1);
        assertThat(fx.count("select count(*) from chat_sessions where chat_id = '" + chatId + "'")).isZero();
        assertThat(fx.count("select count(*) from tool_steps t join chat_sessions s on s.id = t.session_id"
                + " where s.chat_id = '" + chatId + "'")).isZero();
    }

    @Test
    void steps_are_persisted_with_the_turn_shown_in_the_history_and_replayed_to_the_model_later() {
        TOOLS.on("draft_reply", (ctx, args) -> new ToolOutcome(object().set("draft", object().put("id", "d42")),
                "draft_ready", object().set("draft", object().put("id", "d42")), "drafted a reply"));
        TOOLS.on("search_mail", (ctx, args) -> ToolOutcome.ok(object().put("secret_mail_text", "xyz"), "1 found"));
        fx.openAi.replyWithFunctionCalls(call("h1", "search_mail", "{\"query\":\"from:ann\"}"));
        fx.openAi.replyWithFunctionCalls(call("h2", "draft_reply", "{\"message_id\":\"m1\"}"));
        fx.openAi.replyWith("Drafted.");
        String chatId = fx.chat("history-steps-user", "{\"message\":\"draft a reply to Ann\"}").json()
                .path("metadata").path("chat_id").asText();

        JsonNode messages = fx.get("history-steps-user", "/api/chat/sessions/" + chatId + "/messages").json()
                .path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("tool_steps")).isEmpty();
        JsonNode steps = messages.get(1).path("tool_steps");
        assertThat(steps).extracting(s -> s.path("name").asText() + ":" + s.path("summary").asText() + ":"
                + s.path("status").asText()).containsExactly("search_mail:1 found:done",
                "draft_reply:drafted a reply:done");
        assertThat(steps.get(0).path("arguments").path("query").asText()).isEqualTo("from:ann");
        assertThat(steps.get(0).has("duration_ms")).isTrue();

        fx.openAi.replyWith("Sending needs your yes.");
        fx.chat("history-steps-user", "{\"message\":\"send it\",\"chat_id\":\"" + chatId + "\"}");
        RecordedRequest later = fx.openAi.lastRequest(Endpoint.RESPONSES);
        assertThat(later.functionCalls()).extracting(RecordedRequest.CallEcho::name)
                .containsExactly("search_mail", "draft_reply");
        // The draft's output comes back whole (its id is needed); a search's content is not kept, only its summary.
        assertThat(later.functionCallOutputs()).extracting(RecordedRequest.CallOutput::output)
                .containsExactly("{\"summary\":\"1 found\"}", "{\"draft\":{\"id\":\"d42\"}}");
    }

    @Test
    void with_event_stream_tool_events_come_between_the_deltas_in_order() throws Exception {
        TOOLS.on("search_mail", (ctx, args) -> ToolOutcome.ok(object(), "2 found"));
        TOOLS.on("read_mail", (ctx, args) -> ToolOutcome.error("not_found", "No such mail"));
        fx.openAi.reply(Reply.textThenFunctionCalls("Let me look.", call("e1", "search_mail", "{}"),
                call("e2", "read_mail", "{}")));
        fx.openAi.replyWith("Found two.");

        Http.Response response = fx.http().post("/api/chat", "{\"message\":\"look\"}", "Authorization",
                "Bearer " + TestService.SECRET, "X-Donna-User", "sse-tool-user", "Accept", "text/event-stream");

        List<ChatFixture.Event> events = ChatFixture.events(response.body());
        List<String> shape = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (ChatFixture.Event e : events) {
            JsonNode data = JSON.readTree(e.data());
            switch (e.name()) {
                case "delta" -> {
                    text.append(data.path("text").asText());
                    if (shape.isEmpty() || !shape.getLast().equals("delta")) {
                        shape.add("delta");
                    }
                }
                case "tool" -> shape.add("tool " + data.path("call_id").asText() + " " + data.path("name").asText()
                        + " " + data.path("status").asText() + " " + data.path("summary").asText());
                default -> shape.add(e.name());
            }
        }
        assertThat(shape.subList(0, 3)).containsExactly("delta", "tool e1 search_mail running ",
                "tool e2 read_mail running ");
        assertThat(shape.subList(3, 5)).containsExactlyInAnyOrder("tool e1 search_mail done 2 found",
                "tool e2 read_mail failed No such mail");
        assertThat(shape.subList(5, shape.size())).containsExactly("delta", "done");
        assertThat(text.toString()).isEqualTo("Let me look.\n\nFound two.");
        JsonNode done = JSON.readTree(events.getLast().data());
        assertThat(done.path("reply").asText()).isEqualTo(text.toString());
    }

    @Test
    void a_turn_past_its_deadline_reports_the_running_tool_as_timed_out_and_asks_the_model_no_more() {
        User user = new UserRepository(fx.service.service().database().jdbi()).upsert("deadline-user", null);
        ChatRepository chats = new ChatRepository(fx.service.service().database().jdbi(),
                fx.service.service().database().dataSource());
        CountDownLatch interrupted = new CountDownLatch(1);
        FakeTools slow = new FakeTools("slow");
        slow.on("slow", (ctx, args) -> {
            try {
                new CountDownLatch(1).await(20, TimeUnit.SECONDS); // released only by the turn's cancel
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return ToolOutcome.ok(object(), "finished");
        });
        AtomicInteger modelCalls = new AtomicInteger();
        LanguageModel model = (prompt, onDelta) -> {
            modelCalls.incrementAndGet();
            return new LanguageModel.Generation("", List.of(new LanguageModel.Call("t1", "slow", "{}")));
        };
        ChatService service = new ChatService(chats, new AbuseLog(fx.service.service().database().jdbi()),
                new AbuseFilter(text -> null), model, new HistoryBudget(6_000), slow,
                new ChatService.Limits(6, Duration.ofMillis(300)));
        long started = System.nanoTime();

        ChatReply reply = service.reply(user, new ChatService.Request("slow please", null, null), TurnEvents.NONE);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(modelCalls.get()).isEqualTo(1);
        assertThat(reply.reply()).contains("I ran out of time").contains("slow (failed: The tool did not finish");
        assertThat(reply.metadata().toolSteps()).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("failed"));
        try {
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the running tool was cancelled").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void voice_steps_recorded_through_the_step_log_show_on_the_next_reply_of_their_own_chat_only() {
        fx.openAi.replyWith("Hello.");
        String chatId = fx.chat("voice-steps-user", "{\"message\":\"hi\"}").json().path("metadata")
                .path("chat_id").asText();
        UserRepository users = new UserRepository(fx.service.service().database().jdbi());
        User owner = users.upsert("voice-steps-user", null);
        User stranger = users.upsert("voice-steps-stranger", null);
        ChatToolSteps log = new ChatToolSteps(fx.service.service().database().jdbi());
        ToolOutcome found = ToolOutcome.ok(object(), "3 found");

        log.record(new ToolCallContext(owner, chatId, null, null, "item_1", true, "voice"), "v1", "search_mail",
                object().put("query", "from:ann"), found, 12);
        log.record(new ToolCallContext(stranger, chatId, null, null, null, true, "voice"), "v2", "search_mail",
                object(), found, 5);
        log.record(new ToolCallContext(owner, "no-such-chat-" + UUID.randomUUID(), null, null, null, true, "voice"),
                "v3", "search_mail", object(), found, 5);
        log.record(new ToolCallContext(owner, null, null, null, null, true, "api"), "v4", "search_mail", object(),
                found, 5);
        assertThat(fx.count("select count(*) from tool_steps where call_id in ('v1','v2','v3','v4')")).isEqualTo(1);

        assertThat(fx.http().post("/api/db/chat", "{\"chat_id\":\"" + chatId + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"what did Ann write\",\"source\":\"voice\"},{\"role\":\"assistant\",\"content\":"
                + "\"Three mails.\",\"source\":\"voice\"}]}", TestService.internalAs("voice-steps-user")).status())
                .isEqualTo(200);
        JsonNode messages = fx.get("voice-steps-user", "/api/chat/sessions/" + chatId + "/messages").json()
                .path("messages");
        assertThat(messages).extracting(m -> m.path("content").asText() + ":" + m.path("tool_steps").size())
                .containsExactly("hi:0", "Hello.:0", "what did Ann write:0", "Three mails.:1");
        assertThat(messages.get(3).path("tool_steps").get(0).path("channel").asText()).isEqualTo("voice");
    }
}
