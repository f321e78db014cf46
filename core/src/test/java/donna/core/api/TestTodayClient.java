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
                + ",{\"caller_name\":\"no id\"}],\"follow_ups\":[" + TestBackendClientLeads.LEAD + "]}"));

        Today today = client.load();

        assertThat(today.messages()).singleElement().satisfies(m -> {
            assertThat(m.callerName()).isEqualTo("Bob Hale");
            assertThat(m.callbackBy()).isEqualTo("before 5 pm Friday");
            assertThat(m.takenAt()).isEqualTo(Instant.parse("2026-12-07T09:30:00Z"));
            assertThat(m.done()).isFalse();
        });
        assertThat(today.followUps()).extracting(l -> l.name()).containsExactly("Sam Reed");
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
