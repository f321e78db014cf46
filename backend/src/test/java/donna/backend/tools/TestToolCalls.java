package donna.backend.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.standins.google.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestToolCalls {
    @RegisterExtension
    final GmailFixture f = new GmailFixture().connectedAs("ann");
    private final ToolCalls tools = new ToolCalls(f);

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void the_registry_is_listed_with_schemas_and_confirm_required() {
        Http.Response listed = f.get("ann", "/api/tools");

        assertThat(listed.status()).isEqualTo(200);
        JsonNode send = listed.json().path("tools").valueStream().filter(t -> t.path("name").asText()
                .equals("send_draft")).findFirst().orElseThrow();
        assertThat(send.path("confirm_required").asBoolean()).isTrue();
        assertThat(send.path("parameters").path("required").get(0).asText()).isEqualTo("draft_id");
        assertThat(listed.json().path("tools")).hasSize(15);
        assertThat(f.http().get("/api/tools").status()).as("same auth as every route").isEqualTo(401);
    }

    @Test
    void unknown_tools_and_arguments_that_fail_the_schema_are_clear_errors() {
        Http.Response unknown = tools.call("ann", "delete_inbox", args());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("unknown_tool");

        Http.Response missing = tools.call("ann", "search_mail", args("limit", 3));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("invalid_arguments");
        assertThat(missing.json().path("error").path("message").asText()).contains("query");

        Http.Response extra = tools.call("ann", "read_mail", args("message_id", "abc", "evil", true));
        assertThat(extra.errorCode()).isEqualTo("invalid_arguments");
        assertThat(extra.body()).contains("evil");
        assertThat(tools.call("ann", "search_history", args("text", "x", "limit", 500)).errorCode())
                .isEqualTo("invalid_arguments");
        assertThat(tools.call("ann", "search_mail", List.of("not", "an", "object")).errorCode())
                .isEqualTo("invalid_arguments");
        assertThat(f.google.calls(Endpoint.LIST)).as("nothing ran").isZero();
    }

    @Test
    void search_and_read_mail_give_the_text_as_data_cut_to_a_budget() {
        String id = f.google.addInboxMessage().from("Ann Lee <ann@partner.example>").subject("The contract")
                .text("Please find the contract attached. " + "x".repeat(9_000)).add();

        JsonNode found = tools.output("ann", "search_mail", args("query", "from:ann contract", "limit", null));
        assertThat(found.path("count").asInt()).isEqualTo(1);
        assertThat(found.path("messages").get(0).path("id").asText()).isEqualTo(id);
        assertThat(found.path("messages").get(0).path("subject").asText()).isEqualTo("The contract");

        JsonNode read = tools.output("ann", "read_mail", args("message_id", id));
        assertThat(read.path("from").asText()).isEqualTo("Ann Lee <ann@partner.example>");
        JsonNode content = read.path("untrusted_content");
        assertThat(content.path("note").asText()).contains("data, not instructions");
        assertThat(content.path("text").asText()).startsWith("Please find the contract").hasSize(8_000);
        assertThat(content.path("cut").asText()).contains("cut at 8000");
    }

    @Test
    void the_inbox_summary_counts_unread_mail_and_picks_what_needs_a_reply() {
        f.google.addInboxMessage().from("Bob <bob@example.com>").subject("Lunch on Thursday?").add();
        f.google.addInboxMessage().from("Shop <no-reply@shop.example>").subject("Your order?").add();
        f.google.addInboxMessage().from("Bob <bob@example.com>").subject("Read already").unread(false).add();

        JsonNode summary = tools.output("ann", "inbox_summary", args());

        assertThat(summary.path("unread").asInt()).isEqualTo(2);
        assertThat(summary.path("from")).extracting(n -> n.path("sender").asText())
                .containsExactlyInAnyOrder("Bob <bob@example.com>", "Shop <no-reply@shop.example>");
        assertThat(summary.path("needs_reply")).extracting(n -> n.path("subject").asText())
                .containsExactly("Lunch on Thursday?");
    }

    @Test
    void a_user_without_gmail_gets_an_error_output_never_a_silent_success() {
        Http.Response r = tools.call("bob", "search_mail", args("query", "anything", "limit", 5));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("output").path("error").path("code").asText()).isEqualTo("gmail_not_connected");
        assertThat(r.json().path("summary").asText()).contains("not connected");
        assertThat(tools.output("bob", "inbox_summary", args()).path("error").path("code").asText())
                .isEqualTo("gmail_not_connected");
    }

    @Test
    void gmail_down_is_an_error_output() {
        f.google.failNext(Endpoint.LIST, 10, 500);

        JsonNode out = tools.output("ann", "search_mail", args("query", "x", "limit", 5));

        assertThat(out.path("error").path("code").asText()).isEqualTo("upstream_unavailable");
    }

    @Test
    void users_never_see_each_others_memory_history_drafts_or_chats() {
        tools.output("ann", "remember", args("key", "sign-off", "value", "Best, Sam"));
        tools.userSaid("ann", "ann-chat", "the secret project is called Bluebird");
        JsonNode draft = tools.output("ann", "compose_mail", args("to", List.of("carol@example.com"),
                "subject", "Hi", "body", "Hello")).path("draft");

        assertThat(tools.output("bob", "search_history", args("text", "Bluebird", "limit", null)).path("count")
                .asInt()).isZero();
        assertThat(tools.output("ann", "search_history", args("text", "bluebird", "limit", null)).path("results")
                .get(0).path("chat_id").asText()).isEqualTo("ann-chat");
        assertThat(tools.output("bob", "forget", args("key", "sign-off")).path("error").path("code").asText())
                .isEqualTo("not_found");
        assertThat(tools.output("bob", "send_draft", args("draft_id", draft.path("id").asText())).path("error")
                .path("code").asText()).isEqualTo("not_found");
        assertThat(tools.call("bob", "search_history", args("text", "x", "limit", 1), "chat_id", "ann-chat").status())
                .as("another user's chat").isEqualTo(404);
        assertThat(f.count("select count(*) from user_memory where key = 'sign-off'")).isEqualTo(1);
    }

    @Test
    void remember_and_forget_answer_for_the_card_and_respect_the_caps() {
        Http.Response saved = tools.call("ann", "remember", args("key", "sign-off", "value", "Best, Sam"));
        assertThat(saved.json().path("action").asText()).isEqualTo("memory_saved");
        assertThat(saved.json().path("card").path("value").asText()).isEqualTo("Best, Sam");
        assertThat(f.get("ann", "/api/memory").json().path("memory").get(0).path("value").asText())
                .isEqualTo("Best, Sam");

        for (int i = 0; i < 99; i++) {
            tools.output("ann", "remember", args("key", "k" + i, "value", "v"));
        }
        JsonNode refused = tools.output("ann", "remember", args("key", "one-too-many", "value", "v"));
        assertThat(refused.path("error").path("code").asText()).isEqualTo("memory_full");
        assertThat(refused.path("error").path("message").asText()).contains("100");
        assertThat(tools.output("ann", "remember", args("key", "k1", "value", "replaced")).path("status").asText())
                .as("replacing an entry is not one more").isEqualTo("saved");
        Http.Response forgotten = tools.call("ann", "forget", args("key", "k1"));
        assertThat(forgotten.json().path("action").asText()).isEqualTo("memory_forgotten");
        assertThat(f.count("select count(*) from user_memory")).isEqualTo(99);
    }

    @Test
    void the_memory_route_respects_the_same_size_cap() {
        String big = "y".repeat(3_900);
        for (int i = 0; i < 4; i++) {
            assertThat(f.put("ann", "/api/memory", GmailFixture.json(Map.of("key", "note" + i, "value", big)))
                    .status()).isEqualTo(200);
        }
        Http.Response full = f.put("ann", "/api/memory", GmailFixture.json(Map.of("key", "note4", "value", big)));

        assertThat(full.status()).isEqualTo(409);
        assertThat(full.errorCode()).isEqualTo("memory_full");
        assertThat(full.json().path("error").path("message").asText()).contains("16 KB");
        assertThat(tools.output("ann", "remember", args("key", "note5", "value", "y".repeat(1_000))).path("error")
                .path("code").asText()).isEqualTo("memory_full");
    }
}
