package donna.standins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The demo stand-in drives the tools for the requests it knows and answers only from their outputs. */
class TestDemoToolBrain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL_TOOLS = List.of("search_mail", "read_mail", "inbox_summary",
            "draft_reply", "compose_mail", "send_draft", "confirm_action", "remember", "forget", "search_history",
            "classify_lead", "list_leads", "find_leads_in_inbox", "take_message", "start_campaign");

    /** A service's loop in miniature: turns, the model's calls run against canned tool outputs, history kept. */
    private static final class Demo {
        final ArrayNode input = JSON.createArrayNode();
        final Map<String, Function<JsonNode, String>> tools = new HashMap<>();
        final List<String> called = new ArrayList<>();
        List<String> offered = ALL_TOOLS;

        Demo tool(String name, Function<JsonNode, String> output) {
            tools.put(name, output);
            return this;
        }

        String turn(String said) throws Exception {
            input.addObject().put("role", "user").put("content", said);
            for (int step = 0; step < 6; step++) {
                ObjectNode request = JSON.createObjectNode();
                ArrayNode declared = request.putArray("tools");
                offered.forEach(name -> declared.addObject().put("type", "function").put("name", name));
                request.set("input", input);
                Reply reply = CannedAssistant.answer(request).resolved();
                if (reply.calls().isEmpty()) {
                    input.addObject().put("role", "assistant").put("content", reply.text());
                    return reply.text();
                }
                for (Reply.Call call : reply.calls()) {
                    JsonNode args = JSON.readTree(call.argumentsJson());
                    called.add(call.name() + " " + args);
                    input.addObject().put("type", "function_call").put("call_id", call.callId())
                            .put("name", call.name()).put("arguments", call.argumentsJson());
                    String output = tools.getOrDefault(call.name(), a -> "{\"error\":{\"code\":\"unknown_tool\","
                            + "\"message\":\"no such tool\"}}").apply(args);
                    input.addObject().put("type", "function_call_output").put("call_id", call.callId())
                            .put("output", output);
                }
            }
            throw new AssertionError("the brain did not answer within 6 steps");
        }
    }

    @Test
    void summarise_my_unread_mail_runs_inbox_summary_and_reports_its_figures() throws Exception {
        Demo demo = new Demo().tool("inbox_summary", a -> """
                {"unread_count":2,"messages":[{"from":"Ann Lee","subject":"Lunch on Thursday?"},
                 {"from":"Bob","subject":"Invoice"}],"needs_reply":[{"from":"Ann Lee","subject":"Lunch on Thursday?"}]}""");

        String reply = demo.turn("Summarise my unread mail");

        assertThat(demo.called).containsExactly("inbox_summary {}");
        assertThat(reply).isEqualTo("You have 2 unread: Ann Lee (Lunch on Thursday?); Bob (Invoice). These look "
                + "like they need a reply: Ann Lee (Lunch on Thursday?).");
    }

    @Test
    void what_did_name_write_searches_from_name_then_reads_the_first_hit() throws Exception {
        Demo demo = new Demo()
                .tool("search_mail", a -> "{\"messages\":[{\"id\":\"m7\",\"from\":\"Ann Lee\"},{\"id\":\"m8\"}]}")
                .tool("read_mail", a -> "{\"id\":\"m7\",\"from\":\"Ann Lee <ann@example.com>\",\"subject\":"
                        + "\"Contract\",\"text\":\"Signed and sent back.\"}");

        String reply = demo.turn("What did Ann write about the contract?");

        assertThat(demo.called).containsExactly("search_mail {\"query\":\"from:Ann the contract\",\"limit\":5}",
                "read_mail {\"message_id\":\"m7\"}");
        assertThat(reply).isEqualTo("Ann Lee <ann@example.com> wrote (\"Contract\"): \"Signed and sent back.\"");
    }

    @Test
    void no_hit_is_said_plainly_and_nothing_is_read() throws Exception {
        Demo demo = new Demo().tool("search_mail", a -> "{\"messages\":[]}");

        assertThat(demo.turn("what did Zed write?")).isEqualTo("I found no mail from Zed.");
        assertThat(demo.called).hasSize(1);
    }

    @Test
    void draft_then_send_it_then_yes_drives_draft_reply_send_draft_and_confirm_action() throws Exception {
        Demo demo = new Demo()
                .tool("search_mail", a -> "{\"messages\":[{\"id\":\"m1\"}]}")
                .tool("draft_reply", a -> "{\"draft\":{\"id\":\"d1\",\"to\":[\"ann@example.com\"],"
                        + "\"subject\":\"Re: Lunch\",\"body\":\"Tuesday works.\"}}")
                .tool("send_draft", a -> "{\"status\":\"confirmation_needed\",\"action\":{\"id\":\"act1\","
                        + "\"to\":[\"ann@example.com\"],\"subject\":\"Re: Lunch\",\"requires_click\":false}}")
                .tool("confirm_action", a -> "{\"action\":{\"id\":\"act1\",\"status\":\"confirmed\"},"
                        + "\"mail\":{\"idempotency_key\":\"d1\",\"to\":[\"ann@example.com\"]}}");

        String drafted = demo.turn("Draft a reply to Ann saying Tuesday works");
        assertThat(demo.called).containsExactly("search_mail {\"query\":\"from:Ann\",\"limit\":1}",
                "draft_reply {\"message_id\":\"m1\",\"instructions\":\"Say: Tuesday works\"}");
        assertThat(drafted).isEqualTo("I drafted a reply to ann@example.com; it's below. Say 'send it' or click "
                + "Send.");

        String asked = demo.turn("send it");
        assertThat(demo.called.getLast()).isEqualTo("send_draft {\"draft_id\":\"d1\"}");
        assertThat(asked).contains("Ready to send to ann@example.com").contains("say \"yes\"")
                .doesNotContain("Sent");

        String confirmed = demo.turn("yes");
        assertThat(demo.called.getLast()).isEqualTo("confirm_action {\"action_id\":\"act1\"}");
        // The output queued it in the app's outbox: she says so, not that it was sent.
        assertThat(confirmed).isEqualTo("Confirmed: the mail to ann@example.com is in your outbox and goes out "
                + "from there.");
        assertThat(demo.called).hasSize(4);
    }

    @Test
    void a_refused_confirmation_is_reported_and_never_called_sent() throws Exception {
        Demo demo = new Demo()
                .tool("send_draft", a -> "{\"action\":{\"id\":\"act9\",\"to\":[\"x@new.example\"],"
                        + "\"requires_click\":true}}")
                .tool("confirm_action", a -> "{\"error\":{\"code\":\"confirmation_requires_click\",\"message\":"
                        + "\"A new address needs the Send button\"}}");
        demo.input.addObject().put("role", "user").put("content", "draft something");
        demo.input.addObject().put("type", "function_call").put("call_id", "c0").put("name", "compose_mail")
                .put("arguments", "{}");
        demo.input.addObject().put("type", "function_call_output").put("call_id", "c0")
                .put("output", "{\"draft\":{\"id\":\"d9\",\"to\":[\"x@new.example\"]}}");
        demo.input.addObject().put("role", "assistant").put("content", "Drafted.");

        assertThat(demo.turn("send it")).contains("Send button").doesNotContain("say \"yes\"");
        String refused = demo.turn("yes");
        assertThat(refused).isEqualTo("I couldn't send it: A new address needs the Send button");
        assertThat(refused).doesNotContain("Sent");
    }

    @Test
    void send_it_without_a_draft_runs_nothing() throws Exception {
        Demo demo = new Demo();
        assertThat(demo.turn("send it")).contains("don't have a draft");
        assertThat(demo.called).isEmpty();
    }

    @Test
    void remember_that_saves_a_memory_and_a_refusal_is_passed_on() throws Exception {
        Demo demo = new Demo().tool("remember", a -> "{\"saved\":true}");
        assertThat(demo.turn("Remember that I sign off with 'Best, Sam'"))
                .isEqualTo("I'll remember that I sign off with 'Best, Sam'.");
        assertThat(demo.called).containsExactly(
                "remember {\"key\":\"sign_off_best\",\"value\":\"I sign off with 'Best, Sam'\"}");

        Demo full = new Demo().tool("remember", a -> "{\"error\":{\"code\":\"memory_full\",\"message\":"
                + "\"Memory is full\"}}");
        assertThat(full.turn("remember that my dog is Rex")).isEqualTo("I couldn't remember that: Memory is full");
    }

    @Test
    void without_tools_or_for_other_requests_it_echoes_as_before() throws Exception {
        Demo demo = new Demo();
        assertThat(demo.turn("tell me a joke")).contains("You said").contains("demo mode");
        demo.offered = List.of();
        assertThat(demo.turn("summarise my unread mail")).contains("You said");
        assertThat(demo.called).isEmpty();
    }

    @Test
    void classify_as_a_hot_lead_and_take_a_message_drive_their_tools_and_report_the_outputs() throws Exception {
        Demo demo = new Demo()
                .tool("classify_lead", a -> "{\"status\":\"added\",\"lead\":{\"name\":\"Sam Reed\"}}")
                .tool("take_message", a -> "{\"status\":\"taken\"}");

        String classified = demo.turn("Classify Sam Reed sam@acme.example as a hot lead because he asked for pricing");
        assertThat(demo.called).containsExactly("classify_lead {\"name\":\"Sam Reed\",\"email\":\"sam@acme.example\","
                + "\"company\":null,\"category\":\"hot\",\"reason\":\"he asked for pricing\",\"thread_id\":null}");
        assertThat(classified).isEqualTo("Added Sam Reed as a hot lead.");

        String taken = demo.turn("Take a message from Carol: call her back about the renewal");
        assertThat(demo.called.getLast()).isEqualTo("take_message {\"caller_name\":\"Carol\",\"contact\":\"\","
                + "\"message\":\"call her back about the renewal\",\"callback_by\":null}");
        assertThat(taken).startsWith("I took the message from Carol");
    }

    @Test
    void find_leads_in_my_inbox_reports_the_proposals_and_says_nothing_was_saved() throws Exception {
        Demo demo = new Demo().tool("find_leads_in_inbox", a -> "{\"status\":\"proposed\",\"proposals\":["
                + "{\"name\":\"Sam Reed\",\"category\":\"hot\"},{\"name\":\"Priya Nair\",\"category\":\"warm\"}]}");

        String said = demo.turn("Find leads in my inbox");

        assertThat(demo.called).containsExactly("find_leads_in_inbox {\"mails\":null}");
        assertThat(said).isEqualTo("I found 2 possible leads: Sam Reed (hot), Priya Nair (warm). I saved none of "
                + "them: add the ones you want in Sales, or ask me to classify one.");
    }
}
