package donna.backend.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.standins.google.Endpoint;
import donna.standins.google.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestGmailInbox {
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    @RegisterExtension
    final GmailFixture f = new GmailFixture().connectedAs("ann");

    @Test
    void a_page_is_one_list_call_and_one_batch_of_metadata_gets() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(f.google.addInboxMessage().from("Sender " + i + " <s" + i + "@example.com>")
                    .subject("Subject " + i).text("Body " + i).receivedAt(T0.plusSeconds(i)).unread(i % 2 == 0)
                    .add());
        }
        int lists = f.google.calls(Endpoint.LIST);

        Http.Response first = f.get("ann", "/api/gmail/messages?limit=25");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode messages = first.json().path("messages");
        assertThat(messages).hasSize(25);
        JsonNode newest = messages.get(0);
        assertThat(newest.path("id").asText()).isEqualTo(ids.get(29));
        assertThat(newest.path("thread_id").asText()).isEqualTo(ids.get(29));
        assertThat(newest.path("from").asText()).isEqualTo("Sender 29 <s29@example.com>");
        assertThat(newest.path("to").asText()).isEqualTo("me@example.com");
        assertThat(newest.path("subject").asText()).isEqualTo("Subject 29");
        assertThat(newest.path("date").asText()).isEqualTo("2026-11-20T09:00:29Z");
        assertThat(newest.path("snippet").asText()).isEqualTo("Body 29");
        assertThat(newest.path("unread").asBoolean()).isFalse();
        assertThat(messages.get(1).path("unread").asBoolean()).isTrue();
        assertThat(f.google.calls(Endpoint.LIST) - lists).isEqualTo(1);
        assertThat(f.google.calls(Endpoint.BATCH)).isEqualTo(1);
        assertThat(f.google.batchedCalls(Endpoint.GET)).isEqualTo(25);
        assertThat(f.google.directCalls(Endpoint.GET)).as("never a call per message").isZero();

        Http.Response second = f.get("ann", "/api/gmail/messages?limit=25&pageToken="
                + first.json().path("next_page_token").asText());
        assertThat(second.json().path("messages")).hasSize(5);
        assertThat(second.json().path("messages").get(4).path("id").asText()).isEqualTo(ids.get(0));
        assertThat(second.json().has("next_page_token")).isTrue();
        assertThat(second.json().path("next_page_token").isNull()).isTrue();
    }

    @Test
    void a_search_is_passed_to_gmail_and_the_inbox_excludes_sent_mail() {
        f.google.addInboxMessage().subject("read one").unread(false).add();
        String unread = f.google.addInboxMessage().subject("unread one").add();
        f.google.addInboxMessage().subject("sent by me").labels("SENT").add();

        JsonNode found = f.get("ann", "/api/gmail/messages?q=is%3Aunread%20in%3Ainbox").json().path("messages");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("id").asText()).isEqualTo(unread);
        assertThat(f.get("ann", "/api/gmail/messages").json().path("messages")).hasSize(2);
        assertThat(f.get("ann", "/api/gmail/messages?q=subject%3Anothing").json().path("messages")).isEmpty();
    }

    @Test
    void batched_gets_that_gmail_rate_limits_are_asked_again() {
        for (int i = 0; i < 5; i++) {
            f.google.addInboxMessage().subject("m" + i).receivedAt(T0.plusSeconds(i)).add();
        }
        f.google.failNext(Endpoint.GET, 2, Fault.rateLimited(Duration.ofSeconds(1)));

        Http.Response page = f.get("ann", "/api/gmail/messages?limit=5");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("messages")).hasSize(5);
        assertThat(f.google.calls(Endpoint.BATCH)).isEqualTo(2);
        assertThat(f.google.batchedCalls(Endpoint.GET)).isEqualTo(7);
    }

    @Test
    void a_message_comes_with_its_text_and_html_made_safe() {
        String id = f.google.addInboxMessage().from("=?UTF-8?Q?Ren=C3=A9e?= <renee@example.com>")
                .subject("Caf\u00e9 tonight?").text("Plain words")
                .html("<p onclick=\"steal()\">Hi <b>there</b></p><script>alert(1)</script>"
                        + "<img src=\"https://tracker.example.com/open.gif\" alt=\"\">"
                        + "<img src=\"cid:logo@example.com\"><a href=\"https://example.com/x\">link</a>"
                        + "<iframe src=\"https://evil.example\"></iframe><style>p{}</style>")
                .header("References", "<a@example.com> <b@example.com>").messageId("<c@example.com>").add();

        Http.Response response = f.get("ann", "/api/gmail/messages/" + id);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode m = response.json();
        assertThat(m.path("from").asText()).isEqualTo("Ren\u00e9e <renee@example.com>");
        assertThat(m.path("subject").asText()).isEqualTo("Caf\u00e9 tonight?");
        assertThat(m.path("text").asText()).isEqualTo("Plain words");
        assertThat(m.path("message_id_header").asText()).isEqualTo("<c@example.com>");
        assertThat(m.path("references").asText()).isEqualTo("<a@example.com> <b@example.com>");
        assertThat(m.path("unread").asBoolean()).isTrue();
        String html = m.path("html").asText();
        assertThat(html).contains("<b>there</b>", "data-remote-src=\"https://tracker.example.com/open.gif\"",
                "src=\"cid:logo@example.com\"", "href=\"https://example.com/x\"")
                .doesNotContain("<script", "alert(1)", "onclick", "steal", "<iframe", "<style",
                        " src=\"https://tracker");
    }

    @Test
    void a_very_large_mail_is_cut_before_it_is_parsed_and_sanitised_whole() {
        String huge = "<p>" + "word ".repeat(1_200_000) + "</p>"; // 6 MB of HTML
        String id = f.google.addInboxMessage().from("Big <big@example.com>").subject("Huge")
                .text("start " + "text ".repeat(1_200_000)).html(huge).add();

        Http.Response response = f.get("ann", "/api/gmail/messages/" + id);

        assertThat(response.status()).as("a readable answer").isEqualTo(200);
        JsonNode m = response.json();
        assertThat(m.path("subject").asText()).isEqualTo("Huge");
        assertThat(m.path("text").asText()).startsWith("start text").hasSizeLessThan(Inbox.MAX_PARSED_BYTES + 500)
                .endsWith(Inbox.CUT_NOTE);
        assertThat(m.path("html").asText("")).hasSizeLessThan(Inbox.MAX_PARSED_BYTES + 500);
    }

    @Test
    void a_mail_without_html_has_null_html_and_an_html_only_mail_gets_text() {
        String plain = f.google.addInboxMessage().text("Just text").add();
        String htmlOnly = f.google.addInboxMessage().text(null).html("<p>Only <i>HTML</i></p>").add();

        assertThat(f.get("ann", "/api/gmail/messages/" + plain).json().path("html").isNull()).isTrue();
        JsonNode m = f.get("ann", "/api/gmail/messages/" + htmlOnly).json();
        assertThat(m.path("text").asText()).isEqualTo("Only HTML");
        assertThat(m.path("html").asText()).contains("<i>HTML</i>");
    }

    @Test
    void a_thread_lists_its_messages_oldest_first_by_its_own_id() {
        // A thread id that is no message's id: the read must not rely on Gmail naming a thread after its first mail.
        String first = f.google.addInboxMessage().threadId("thread-contract").from("Ann <ann@example.com>")
                .subject("The contract").text("Can we meet?").receivedAt(T0).add();
        String reply = f.google.addInboxMessage().threadId("thread-contract").from("Sam <sam@example.com>")
                .subject("Re: The contract").text("Tuesday works").receivedAt(T0.plusSeconds(60)).unread(false).add();
        f.google.addInboxMessage().subject("Another thread").receivedAt(T0.plusSeconds(30)).add();

        Http.Response response = f.get("ann", "/api/gmail/threads/thread-contract");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode thread = response.json();
        assertThat(thread.path("id").asText()).isEqualTo("thread-contract");
        assertThat(thread.path("messages")).extracting(m -> m.path("id").asText()).containsExactly(first, reply);
        assertThat(thread.path("messages").get(0).path("from").asText()).isEqualTo("Ann <ann@example.com>");
        assertThat(thread.path("messages").get(0).path("subject").asText()).isEqualTo("The contract");
        assertThat(thread.path("messages").get(0).path("unread").asBoolean()).isTrue();
        assertThat(thread.path("messages").get(1).path("unread").asBoolean()).isFalse();
        assertThat(thread.path("messages").get(1).has("text")).as("rows, not bodies").isFalse();
        assertThat(f.google.calls(Endpoint.THREAD_GET)).isEqualTo(1);

        assertThat(f.get("ann", "/api/gmail/threads/not%20an%20id").errorCode()).isEqualTo("invalid_input");
        assertThat(f.get("ann", "/api/gmail/threads/nosuchthread").status()).isEqualTo(404);
        assertThat(f.get("bob", "/api/gmail/threads/thread-contract").errorCode()).isEqualTo("gmail_not_connected");
    }

    @Test
    void bad_input_is_400_and_an_unknown_message_404() {
        assertThat(f.get("ann", "/api/gmail/messages?limit=0").status()).isEqualTo(400);
        assertThat(f.get("ann", "/api/gmail/messages?limit=101").errorCode()).isEqualTo("validation_failed");
        assertThat(f.get("ann", "/api/gmail/messages?q=%0Abad").errorCode()).isEqualTo("invalid_input");
        assertThat(f.get("ann", "/api/gmail/messages/not%20an%20id").errorCode()).isEqualTo("invalid_input");
        Http.Response missing = f.get("ann", "/api/gmail/messages/ffffffff");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("not_found");
        assertThat(f.get("bob", "/api/gmail/messages").errorCode()).isEqualTo("gmail_not_connected");
    }
}
