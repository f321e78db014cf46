package donna.backend.today;

import static donna.backend.support.GmailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.standins.google.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Today's follow-ups (sent mail whose thread got no reply after N days, from Gmail's threads) and its review queue
 * (autopilot's drafts waiting for the person), against the fake Gmail.
 */
class TestTodayFollowUps {
    private static final String ME = "me@example.com";

    @RegisterExtension
    final GmailFixture f = new GmailFixture(g -> g.withAutopilotInterval(Duration.ofHours(1))).connectedAs("ann");

    private static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days)).minusSeconds(60);
    }

    private String sent(String thread, String to, String subject, Instant at) {
        return f.google.addInboxMessage().from(ME).to(to).subject(subject).text("Hello").threadId(thread)
                .receivedAt(at).labels("SENT").add();
    }

    private String received(String thread, String from, String subject, Instant at) {
        return f.google.addInboxMessage().from(from).subject(subject).text("Thanks!").threadId(thread)
                .receivedAt(at).unread(false).add();
    }

    private JsonNode today() {
        Http.Response r = f.get("ann", "/api/today");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void follow_ups_are_sent_mail_whose_thread_has_had_no_reply_for_n_days() {
        String quiet = sent("t-quiet", "Bo Park <bo@studio.example>", "Quote", daysAgo(6));
        sent("t-answered", "Cy <cy@example.com>", "Proposal", daysAgo(5));
        received("t-answered", "Cy <cy@example.com>", "Re: Proposal", daysAgo(4));
        sent("t-recent", "Di <di@example.com>", "Agenda", daysAgo(1));
        received("t-mine-last", "Ed <ed@example.com>", "Question", daysAgo(7));
        String mineLast = sent("t-mine-last", "Ed <ed@example.com>", "Re: Question", daysAgo(4));

        JsonNode today = today();

        assertThat(today.path("follow_up_days").asInt()).as("the default").isEqualTo(3);
        JsonNode due = today.path("follow_ups");
        assertThat(due.findValuesAsText("message_id")).as("longest waiting first").containsExactly(quiet, mineLast);
        assertThat(due.get(0).path("thread_id").asText()).isEqualTo("t-quiet");
        assertThat(due.get(0).path("to").asText()).contains("bo@studio.example");
        assertThat(due.get(0).path("subject").asText()).isEqualTo("Quote");
        assertThat(due.get(0).path("days_waiting").asLong()).isEqualTo(6);
        assertThat(f.google.batchedCalls(Endpoint.THREAD_GET)).as("threads read in a batch, not one call each")
                .isEqualTo(f.google.calls(Endpoint.THREAD_GET));

        assertThat(f.put("ann", "/api/today/settings", json(Map.of("follow_up_days", 0))).errorCode())
                .isEqualTo("validation_failed");
        assertThat(f.put("ann", "/api/today/settings", json(Map.of("follow_up_days", "5"))).status()).isEqualTo(400);
        Http.Response put = f.put("ann", "/api/today/settings", json(Map.of("follow_up_days", 5)));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(f.get("ann", "/api/today/settings").json().path("follow_up_days").asInt()).isEqualTo(5);
        assertThat(f.get("bob", "/api/today/settings").json().path("follow_up_days").asInt()).isEqualTo(3);
        assertThat(today().path("follow_ups").findValuesAsText("message_id")).containsExactly(quiet);
    }

    @Test
    void draft_a_follow_up_is_a_draft_to_whom_the_mail_went_and_nothing_is_sent() {
        String quiet = sent("t-quiet", "Bo Park <bo@studio.example>", "Quote for the website", daysAgo(6));
        String theirs = received("t-other", "Cy <cy@example.com>", "Hello", daysAgo(6));

        Http.Response r = f.post("ann", "/api/today/follow-ups/" + quiet + "/draft", "{}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode draft = r.json().path("draft");
        assertThat(draft.path("to").get(0).asText()).contains("bo@studio.example");
        assertThat(draft.path("to")).hasSize(1);
        assertThat(draft.path("subject").asText()).isEqualTo("Re: Quote for the website");
        assertThat(draft.path("reply_to_message_id").asText()).isEqualTo(quiet);
        assertThat(draft.path("body").asText()).containsIgnoringCase("following up");
        assertThat(f.google.sent()).as("a draft only: the person sends it").isEmpty();

        assertThat(f.post("ann", "/api/today/follow-ups/" + theirs + "/draft", "{}").errorCode())
                .as("only the person's own mail is followed up").isEqualTo("validation_failed");
        assertThat(f.post("ann", "/api/today/follow-ups/nope/draft", "{}").status()).isEqualTo(404);
        assertThat(f.post("bob", "/api/today/follow-ups/" + quiet + "/draft", "{}").errorCode())
                .isEqualTo("gmail_not_connected");
    }

    @Test
    void the_review_queue_lists_autopilots_drafts_until_sent_or_discarded() {
        assertThat(f.put("ann", "/api/gmail/autopilot/settings", json(Map.of("enabled", true))).status())
                .isEqualTo(200);
        String mail = f.google.addInboxMessage().from("Ann Lee <ann@example.com>").subject("Meeting on Friday?")
                .text("Could we meet on Friday at 10?").receivedAt(Instant.now().minusSeconds(60)).add();
        f.openAi.replyWith("Friday at 10 works.");
        assertThat(f.get("ann", "/api/gmail/autopilot-run").json().path("drafted").asInt()).isEqualTo(1);

        JsonNode queue = today().path("review_queue");

        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).path("message_id").asText()).isEqualTo(mail);
        assertThat(queue.get(0).path("subject").asText()).isEqualTo("Re: Meeting on Friday?");
        assertThat(queue.get(0).path("body").asText()).isEqualTo("Friday at 10 works.");
        assertThat(f.get("bob", "/api/today").json().path("review_queue")).isEmpty();
        assertThat(f.google.sent()).as("listed, not sent").isEmpty();

        String id = queue.get(0).path("id").asText();
        assertThat(f.delete("ann", "/api/gmail/autopilot/drafts/" + id).status()).isEqualTo(204);
        assertThat(today().path("review_queue")).isEmpty();
    }
}
