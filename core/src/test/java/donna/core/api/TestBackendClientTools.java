package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.chat.ChatReply;
import donna.core.chat.ChatRequest;
import donna.core.mail.OutgoingMail;
import donna.core.tools.Confirmation;
import donna.core.tools.Draft;
import donna.core.tools.DraftEdit;
import donna.core.tools.PendingAction;
import donna.core.tools.ToolStep;
import donna.core.tools.TurnAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of "Tools: DONNA acts" (docs/api.md): tool events, the turn's actions, drafts and the person's yes. */
class TestBackendClientTools {
    static final String DRAFT = """
            {"id":"d-0001abcd","to":["ann@example.com"],"cc":[],"subject":"Re: Contract","body":"Tuesday works.",
             "in_reply_to":"<m1@example.com>","thread_id":"t1","reply_to_message_id":"g1","status":"open",
             "created_at":"2026-12-01T10:00:00Z","updated_at":"2026-12-01T10:00:00Z"}""";
    static final String ACTION = """
            {"id":"a-1","kind":"send_mail","draft_id":"d-0001abcd","to":["ann@example.com","x@new.example"],"cc":[],
             "subject":"Re: Contract","body":"Tuesday works.","new_addresses":["x@new.example"],"requires_click":true,
             "status":"pending","chat_id":"c1","created_at":"2026-12-01T10:00:01Z"}""";
    static final String MAIL = """
            {"idempotency_key":"d-0001abcd","to":["ann@example.com"],"cc":[],"subject":"Re: Contract",
             "body":"Tuesday works.","in_reply_to":"<m1@example.com>","thread_id":"t1"}""";

    private final StubServer stub;
    private final BackendClient client;
    private final ObjectMapper json = new ObjectMapper();

    TestBackendClientTools() throws IOException {
        stub = new StubServer();
        client = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local").build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static String oneLine(String s) {
        return s.replace("\n", "");
    }

    @Test
    void tool_events_arrive_between_the_deltas_and_the_reply_carries_the_turns_actions_and_steps() throws Exception {
        String done = oneLine("""
                {"success":true,"reply":"Here is a draft.","action":"draft_ready","metadata":{"profile":"general",
                 "chat_id":"c1","authenticated":true,"actions":[{"type":"draft_ready","draft":%s},
                 {"type":"confirmation_needed","action":%s},{"type":"send_confirmed","action":%s,"mail":%s},
                 {"type":"memory_saved","key":"sign_off","value":"Best, Sam"},{"type":"something_new","x":1}],
                 "tool_steps":[{"call_id":"call_1","name":"search_mail","status":"done","summary":"3 found",
                 "duration_ms":42},{"call_id":"call_2","name":"draft_reply","status":"failed",
                 "summary":"Gmail is not connected","duration_ms":7}]}}""".formatted(DRAFT, ACTION, ACTION, MAIL));
        String sse = "event: tool\ndata: {\"call_id\":\"call_1\",\"name\":\"search_mail\",\"status\":\"running\","
                + "\"summary\":\"\"}\n\n"
                + "event: tool\ndata: {\"call_id\":\"call_1\",\"name\":\"search_mail\",\"status\":\"done\","
                + "\"summary\":\"3 found\"}\n\n"
                + "event: delta\ndata: {\"text\":\"Here is \"}\n\n"
                + "event: delta\ndata: {\"text\":\"a draft.\"}\n\n"
                + "event: done\ndata: " + done + "\n\n";
        stub.on("POST /api/chat", new StubServer.Answer(200, "text/event-stream", sse, Map.of()));
        List<String> seen = new ArrayList<>();

        ChatReply reply = client.chatStream(new ChatRequest("draft a reply to Ann", null, null, true),
                d -> seen.add("delta " + d), s -> seen.add("tool " + s.callId() + " " + s.status() + " " + s.summary()));

        assertThat(seen).containsExactly("tool call_1 RUNNING ", "tool call_1 DONE 3 found", "delta Here is ",
                "delta a draft.");
        assertThat(json.readTree(stub.seen.getFirst().body()).path("client_outbox").asBoolean()).isTrue();
        assertThat(reply.action()).isEqualTo("draft_ready");
        List<TurnAction> actions = reply.metadata().actions();
        assertThat(actions).hasSize(4).as("an unknown type is left out");
        Draft draft = ((TurnAction.DraftReady) actions.get(0)).draft();
        assertThat(draft.id()).isEqualTo("d-0001abcd");
        assertThat(draft.to()).containsExactly("ann@example.com");
        assertThat(draft.replyToMessageId()).isEqualTo("g1");
        PendingAction pending = ((TurnAction.ConfirmationNeeded) actions.get(1)).action();
        assertThat(pending.draftId()).isEqualTo("d-0001abcd");
        assertThat(pending.requiresClick()).isTrue();
        assertThat(pending.isNew("X@new.example")).isTrue();
        assertThat(pending.isNew("ann@example.com")).isFalse();
        TurnAction.SendConfirmed confirmed = (TurnAction.SendConfirmed) actions.get(2);
        assertThat(confirmed.mail().idempotencyKey()).isEqualTo("d-0001abcd");
        assertThat(confirmed.mail().toOutgoing()).as("a Message-ID header is no Gmail id to thread on")
                .isEqualTo(new OutgoingMail(List.of("ann@example.com"), List.of(), List.of(), "Re: Contract",
                        "Tuesday works.", null));
        assertThat(((TurnAction.MemorySaved) actions.get(3)).value().asText()).isEqualTo("Best, Sam");
        assertThat(reply.metadata().toolSteps()).containsExactly(
                new ToolStep("call_1", "search_mail", ToolStep.Status.DONE, "3 found", 42),
                new ToolStep("call_2", "draft_reply", ToolStep.Status.FAILED, "Gmail is not connected", 7));
    }

    @Test
    void the_old_stream_signature_still_works_and_a_plain_turn_has_no_actions() {
        stub.on("POST /api/chat", new StubServer.Answer(200, "text/event-stream",
                "event: tool\ndata: {\"call_id\":\"c\",\"name\":\"remember\",\"status\":\"done\"}\n\n"
                        + "event: done\ndata: {\"success\":true,\"reply\":\"Hi\",\"action\":\"chat\","
                        + "\"metadata\":{\"chat_id\":\"c1\"}}\n\n", Map.of()));

        ChatReply reply = client.chatStream(new ChatRequest("hi", null, null), d -> { });

        assertThat(reply.metadata().actions()).isEmpty();
        assertThat(reply.metadata().toolSteps()).isEmpty();
        assertThat(stub.seen.getFirst().body()).doesNotContain("client_outbox");
    }

    @Test
    void a_card_flattened_into_its_entry_is_read_too() {
        stub.on("POST /api/chat", StubServer.Answer.json(200, oneLine("""
                {"success":true,"reply":"Sure","action":"confirmation_needed","metadata":{"actions":[
                 %s]}}""".formatted(ACTION.replaceFirst("\\{", "{\"type\":\"confirmation_needed\",")))));

        ChatReply reply = client.chat(new ChatRequest("send it", "c1", null, true));

        assertThat(reply.metadata().actions()).singleElement().isInstanceOfSatisfying(
                TurnAction.ConfirmationNeeded.class, c -> assertThat(c.action().id()).isEqualTo("a-1"));
    }

    @Test
    void drafts_are_listed_read_edited_and_discarded() throws Exception {
        stub.on("GET /api/drafts", StubServer.Answer.json(200, "{\"success\":true,\"drafts\":[" + DRAFT + "]}"));
        stub.on("GET /api/drafts/d-0001abcd", StubServer.Answer.json(200, "{\"success\":true,\"draft\":" + DRAFT + "}"));
        stub.on("PATCH /api/drafts/d-0001abcd", StubServer.Answer.json(200,
                "{\"success\":true,\"draft\":" + DRAFT.replace("Tuesday works.", "Wednesday works.") + "}"));
        stub.on("DELETE /api/drafts/d-0001abcd", StubServer.Answer.json(200, "{\"success\":true}"));

        assertThat(client.drafts()).extracting(Draft::id).containsExactly("d-0001abcd");
        assertThat(client.draft("d-0001abcd").subject()).isEqualTo("Re: Contract");
        Draft edited = client.editDraft("d-0001abcd", new DraftEdit(List.of("ann@example.com"), List.of(), null,
                "Wednesday works."));
        client.discardDraft("d-0001abcd");

        assertThat(edited.body()).isEqualTo("Wednesday works.");
        JsonNode patch = json.readTree(stub.seen.get(2).body());
        assertThat(patch.path("body").asText()).isEqualTo("Wednesday works.");
        assertThat(patch.path("to").get(0).asText()).isEqualTo("ann@example.com");
        assertThat(patch.has("subject")).as("unchanged fields are not sent").isFalse();
        assertThat(stub.seen.get(3).method()).isEqualTo("DELETE");
    }

    @Test
    void send_draft_makes_a_pending_action_for_this_apps_outbox_and_confirm_returns_the_mail() throws Exception {
        stub.on("POST /api/tools/call", StubServer.Answer.json(200, oneLine("""
                {"success":true,"output":{"status":"confirmation_needed","action_id":"a-1"},
                 "action":"confirmation_needed","card":%s,"summary":"waiting for your yes"}""".formatted(ACTION))));
        stub.on("POST /api/actions/a-1/confirm", StubServer.Answer.json(200, oneLine("""
                {"success":true,"action":%s,"mail":%s}""".formatted(ACTION.replace("\"pending\"", "\"confirmed\""),
                MAIL))));
        stub.on("POST /api/actions/a-2/cancel", StubServer.Answer.json(200, oneLine("""
                {"success":true,"action":%s}""".formatted(ACTION.replace("\"a-1\"", "\"a-2\"")
                .replace("\"pending\"", "\"cancelled\"")))));
        stub.on("GET /api/actions", StubServer.Answer.json(200, "{\"success\":true,\"actions\":[" + ACTION + "]}"));

        PendingAction pending = client.sendDraft("d-0001abcd");
        Confirmation confirmation = client.confirmAction(pending.id());
        PendingAction cancelled = client.cancelAction("a-2");

        JsonNode call = json.readTree(stub.seen.getFirst().body());
        assertThat(call.path("name").asText()).isEqualTo("send_draft");
        assertThat(call.path("arguments").path("draft_id").asText()).isEqualTo("d-0001abcd");
        assertThat(call.path("client_outbox").asBoolean()).isTrue();
        assertThat(pending.id()).isEqualTo("a-1");
        assertThat(confirmation.action().status()).isEqualTo("confirmed");
        assertThat(confirmation.mail().idempotencyKey()).isEqualTo("d-0001abcd");
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(client.pendingActions()).extracting(PendingAction::id).containsExactly("a-1");
        assertThat(stub.seen.getLast().uri()).isEqualTo("/api/actions?status=pending");
    }

    @Test
    void a_send_draft_whose_tool_failed_is_an_error_with_the_tools_message() {
        stub.on("POST /api/tools/call", StubServer.Answer.json(200, """
                {"success":true,"output":{"error":{"code":"draft_not_found","message":"That draft is gone"}},"summary":"failed"}"""));

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.sendDraft("d-0001abcd"));

        assertThat(e.error().code()).isEqualTo("draft_not_found");
        assertThat(e.error().message()).isEqualTo("That draft is gone");
    }

    @Test
    void a_confirmation_without_a_mail_is_an_invalid_answer_not_a_silent_success() {
        stub.on("POST /api/actions/a-1/confirm", StubServer.Answer.json(200, "{\"success\":true,\"action\":" + ACTION
                + "}"));

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.confirmAction("a-1"));

        assertThat(e.error().code()).isEqualTo("invalid_response");
    }

    @Test
    void a_refused_confirmation_carries_the_services_code() {
        stub.on("POST /api/actions/a-1/confirm", StubServer.Answer.json(409, """
                {"success":false,"error":{"code":"action_not_pending","message":"Already cancelled","traceId":"t"}}"""));

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.confirmAction("a-1"));

        assertThat(e.error().status()).isEqualTo(409);
        assertThat(e.error().code()).isEqualTo("action_not_pending");
    }
}
