package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.today.TakenMessage;
import donna.core.today.Today;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of Today (docs/api.md, "Sales leads and Today"): messages taken, follow-ups due, done. */
class TestTodayClient {
    private static final String MESSAGE = """
            {"id":"m-1","caller_name":"Bob Hale","contact":"+1 555 0100","message":"Call me about the van",
             "callback_by":"before 5 pm Friday","done":false,"created_at":"2026-12-07T09:30:00Z"}""";

    private final StubServer stub;
    private final TodayClient client;

    TestTodayClient() throws IOException {
        stub = new StubServer();
        client = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local").build().today();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void today_reads_the_messages_and_the_leads_due() {
        stub.on("GET /api/today", StubServer.Answer.json(200, "{\"success\":true,\"messages\":[" + MESSAGE
                + ",{\"caller_name\":\"no id\"}],\"lead_follow_ups\":[" + TestBackendClientLeads.LEAD + "]}"));

        Today today = client.load();

        assertThat(today.messages()).singleElement().satisfies(m -> {
            assertThat(m.callerName()).isEqualTo("Bob Hale");
            assertThat(m.callbackBy()).isEqualTo("before 5 pm Friday");
            assertThat(m.takenAt()).isEqualTo(Instant.parse("2026-12-07T09:30:00Z"));
            assertThat(m.done()).isFalse();
        });
        assertThat(today.leadFollowUps()).extracting(l -> l.name()).containsExactly("Sam Reed");
        assertThat(today.triage()).isEmpty();
        assertThat(today.followUpDays()).isEqualTo(Today.DEFAULT_FOLLOW_UP_DAYS);
        assertThat(today.followUpsError()).isNull();
    }

    @Test
    void sent_mail_that_could_not_be_checked_comes_with_the_reason() {
        stub.on("GET /api/today", StubServer.Answer.json(200, """
                {"success":true,"messages":[],"lead_follow_ups":[],"follow_ups":[],
                 "follow_ups_error":"Gmail is unavailable; try again shortly"}"""));

        Today today = client.load();

        assertThat(today.followUps()).isEmpty();
        assertThat(today.followUpsError()).isEqualTo("Gmail is unavailable; try again shortly");
    }

    @Test
    void today_reads_the_triage_its_status_the_review_queue_and_the_follow_ups() {
        stub.on("GET /api/today", StubServer.Answer.json(200, """
                {"success":true,"messages":[],"lead_follow_ups":[],"follow_up_days":5,
                 "triage":[{"message_id":"g1","bucket":"needs_reply","reason":"Ann asks about lunch.",
                            "from":"Ann <ann@example.com>","subject":"Lunch?","received_at":"2026-12-07T09:00:00Z"},
                           {"message_id":"g2","bucket":null,"reason":"not usable","from":"x","subject":"y"}],
                 "triage_status":{"gmail":"connected","unread":3,"pending":1,"running":true,"error":null},
                 "review_queue":[{"id":"d1","message_id":"g9","to":["bo@example.com"],"subject":"Re: Hi",
                                  "body":"Thanks!","created_at":"2026-12-07T08:00:00Z"}],
                 "follow_ups":[{"message_id":"s1","thread_id":"t1","to":"Bo <bo@example.com>","subject":"Quote",
                                "sent_at":"2026-12-01T08:00:00Z","days_waiting":6}]}"""));

        Today today = client.load();

        assertThat(today.triage()).hasSize(2);
        assertThat(today.triage().get(0).bucket()).isEqualTo("needs_reply");
        assertThat(today.triage().get(0).receivedAt()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(today.triage().get(1).triaged()).isFalse();
        assertThat(today.triageStatus().pending()).isEqualTo(1);
        assertThat(today.triageStatus().running()).isTrue();
        assertThat(today.triageStatus().connected()).isTrue();
        assertThat(today.triageStatus().error()).isNull();
        assertThat(today.reviewQueue()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("d1");
            assertThat(d.messageId()).isEqualTo("g9");
            assertThat(d.body()).isEqualTo("Thanks!");
        });
        assertThat(today.followUps()).singleElement().satisfies(f -> {
            assertThat(f.messageId()).isEqualTo("s1");
            assertThat(f.daysWaiting()).isEqualTo(6);
            assertThat(f.sentAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        });
        assertThat(today.followUpDays()).isEqualTo(5);
    }

    @Test
    void a_follow_up_draft_is_asked_of_the_service_and_returned_unsent() {
        stub.on("POST /api/today/follow-ups/s1/draft", StubServer.Answer.json(200, """
                {"success":true,"draft":{"to":["Bo <bo@example.com>"],"cc":[],"subject":"Re: Quote",
                 "body":"Following up.","reply_to_message_id":"s1"}}"""));

        var draft = client.draftFollowUp("s1");

        assertThat(draft.to()).containsExactly("Bo <bo@example.com>");
        assertThat(draft.replyToMessageId()).isEqualTo("s1");
        assertThat(draft.body()).isEqualTo("Following up.");
    }

    @Test
    void marking_done_patches_the_message() throws Exception {
        stub.on("PATCH /api/today/messages/m-1", StubServer.Answer.json(200, "{\"success\":true,\"message\":"
                + MESSAGE.replace("\"done\":false", "\"done\":true") + "}"));

        TakenMessage done = client.markDone("m-1", true);

        assertThat(done.done()).isTrue();
        assertThat(new ObjectMapper().readTree(stub.seen.getFirst().body()).toString()).isEqualTo("{\"done\":true}");
    }
}
