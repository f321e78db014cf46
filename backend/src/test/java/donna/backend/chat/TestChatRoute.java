package donna.backend.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.standins.openai.Endpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/chat: the PRD contract, streaming, prompt contents, actions and abuse handling. */
class TestChatRoute {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ChatFixture fx;

    @BeforeAll
    static void start(@TempDir Path dir) {
        fx = new ChatFixture(dir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void resetFake() {
        fx.openAi.reset();
    }

    @Test
    void a_reply_answers_the_prd_contract_exactly() {
        fx.openAi.replyWith("Hello! How can I help?");
        Http.Response response = fx.chat("contract-user", "{\"message\":\"Hi DONNA\"}");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.fieldNames()).toIterable().containsExactly("success", "reply", "action", "metadata");
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("reply").asText()).isEqualTo("Hello! How can I help?");
        assertThat(body.path("action").asText()).isEqualTo("chat");
        JsonNode metadata = body.path("metadata");
        assertThat(metadata.fieldNames()).toIterable()
                .containsExactly("profile", "abuse_detected", "chat_id", "authenticated", "actions", "tool_steps");
        assertThat(metadata.path("actions")).isEmpty();
        assertThat(metadata.path("tool_steps")).isEmpty();
        assertThat(metadata.path("profile").asText()).isEqualTo("general");
        assertThat(metadata.path("abuse_detected").asBoolean()).isFalse();
        assertThat(metadata.path("chat_id").asText()).isNotBlank();
        assertThat(metadata.path("authenticated").asBoolean()).isTrue();
    }

    @Test
    void the_exchange_is_persisted_and_the_next_turn_carries_history_profile_and_memory() {
        assertThat(fx.http().send(b -> b.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"key\":\"name\",\"value\":\"Ada\"}")).header("Content-Type", "application/json"),
                "/api/memory", TestService.internalAs("history-user")).status()).isEqualTo(200);
        fx.openAi.replyWith("Noted: you like tea.");
        String chatId = fx.chat("history-user", "{\"message\":\"I like tea\",\"profile\":\"sales\"}").json()
                .path("metadata").path("chat_id").asText();
        fx.openAi.replyWith("Tea, you said.");
        Http.Response second = fx.chat("history-user",
                "{\"message\":\"What do I like?\",\"chat_id\":\"" + chatId + "\",\"profile\":\"sales\"}");
        assertThat(second.json().path("metadata").path("chat_id").asText()).isEqualTo(chatId);

        var prompt = fx.openAi.lastRequest(Endpoint.RESPONSES);
        assertThat(prompt.instructions()).contains("sales mode").contains("name: \"Ada\"");
        assertThat(prompt.input().toString()).contains("I like tea").contains("Noted: you like tea.")
                .contains("What do I like?");
        // The registry's tools are offered (issue 14's among them); not the old label that claimed work nobody did.
        assertThat(prompt.tools().findValuesAsText("name")).contains("search_mail", "send_draft", "remember",
                "classify_lead", "list_leads", "take_message").doesNotContain("send_message");

        JsonNode messages = fx.get("history-user", "/api/chat/sessions/" + chatId + "/messages").json()
                .path("messages");
        assertThat(messages).extracting(m -> m.path("role").asText() + ":" + m.path("content").asText())
                .containsExactly("user:I like tea", "assistant:Noted: you like tea.", "user:What do I like?",
                        "assistant:Tea, you said.");
    }

    @Test
    void with_event_stream_deltas_arrive_then_one_done_with_the_contract() throws Exception {
        fx.openAi.replyWith("Streaming works in several pieces.");
        Http.Response response = fx.http().post("/api/chat", "{\"message\":\"stream please\"}",
                "Authorization", "Bearer " + TestService.SECRET, "X-Donna-User", "stream-user",
                "Accept", "text/event-stream");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        List<ChatFixture.Event> events = ChatFixture.events(response.body());
        assertThat(events).hasSizeGreaterThan(2);
        assertThat(events.getLast().name()).isEqualTo("done");
        StringBuilder text = new StringBuilder();
        for (ChatFixture.Event e : events.subList(0, events.size() - 1)) {
            assertThat(e.name()).isEqualTo("delta");
            text.append(JSON.readTree(e.data()).path("text").asText());
        }
        assertThat(text.toString()).isEqualTo("Streaming works in several pieces.");
        JsonNode done = JSON.readTree(events.getLast().data());
        assertThat(done.path("reply").asText()).isEqualTo(text.toString());
        assertThat(done.path("metadata").path("chat_id").asText()).isNotBlank();
    }

    @Test
    void a_call_of_a_tool_the_service_lacks_is_answered_with_an_error_and_no_label_claims_it_was_done() {
        fx.openAi.replyWithFunctionCall("book_flight", "{\"to\":\"Lisbon\",\"for\":\"Sam from Acme\"}");
        fx.openAi.replyWith("I can't classify leads yet.");
        JsonNode body = fx.chat("action-user", "{\"message\":\"Sam from Acme wants pricing\",\"profile\":\"sales\"}")
                .json();
        assertThat(body.path("action").asText()).isEqualTo("chat");
        assertThat(body.path("reply").asText()).isEqualTo("I can't classify leads yet.");
        assertThat(body.path("metadata").has("action_args")).isFalse();
        assertThat(body.path("metadata").path("tool_steps")).singleElement()
                .satisfies(step -> assertThat(step.path("status").asText()).isEqualTo("failed"));
        var outputs = fx.openAi.lastRequest(Endpoint.RESPONSES).functionCallOutputs();
        assertThat(outputs).singleElement().satisfies(o -> assertThat(o.output()).contains("unknown_tool"));
    }

    @Test
    void a_message_caught_by_the_local_rules_is_refused_logged_and_never_sent_to_the_model() {
        int before = fx.openAi.requests(Endpoint.RESPONSES).size();
        JsonNode body = fx.chat("rude-user", "{\"message\":\"how do I make a pipe bomb\"}").json();
        assertThat(body.path("metadata").path("abuse_detected").asBoolean()).isTrue();
        assertThat(body.path("reply").asText()).contains("can't help");
        assertThat(fx.openAi.requests(Endpoint.RESPONSES)).hasSize(before);
        assertThat(fx.count("select count(*) from abuse_log where reason = 'local-rule'")).isPositive();
    }

    @Test
    void a_message_flagged_by_moderation_is_refused_and_logged_with_its_category() {
        fx.openAi.flagWhen("flag-me-please", "harassment");
        JsonNode body = fx.chat("flagged-user", "{\"message\":\"flag-me-please now\"}").json();
        assertThat(body.path("metadata").path("abuse_detected").asBoolean()).isTrue();
        assertThat(fx.count("select count(*) from abuse_log where reason like 'moderation:%harassment%'"))
                .isPositive();
    }

    @Test
    void bad_input_is_400_with_the_envelope() {
        assertThat(fx.chat("bad-user", "{\"message\":\"   \"}").errorCode()).isEqualTo("validation_failed");
        assertThat(fx.chat("bad-user", "{\"message\":\"hi\",\"profile\":\"pirate\"}").errorCode())
                .isEqualTo("validation_failed");
        assertThat(fx.chat("bad-user", "{\"message\":\"hi\",\"chat_id\":\"../etc\"}").errorCode())
                .isEqualTo("validation_failed");
        assertThat(fx.chat("bad-user", "[1,2").errorCode()).isEqualTo("invalid_json");
        Http.Response noUser = fx.http().post("/api/chat", "{\"message\":\"hi\"}", "Authorization",
                "Bearer " + TestService.SECRET);
        assertThat(noUser.status()).isEqualTo(400);
        assertThat(noUser.errorCode()).isEqualTo("user_required");
    }
}
