package donna.backend.today;

import static donna.backend.support.GmailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestToday {
    @RegisterExtension
    final GmailFixture f = new GmailFixture();

    private Http.Response patch(String user, String id, String body) {
        return f.http().send(b -> b.method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), "/api/today/messages/" + id,
                TestService.internalAs(user));
    }

    private JsonNode take(String user, String caller, String message) {
        Http.Response r = f.post(user, "/api/tools/call", json(Map.of("name", "take_message", "arguments",
                Map.of("caller_name", caller, "contact", "+44 20 7946 0000", "message", message,
                        "callback_by", "before 5 pm Friday"))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("output").path("message");
    }

    @Test
    void taken_messages_wait_in_today_until_marked_done_by_their_owner() {
        String id = take("ann", "Carol Jones", "Please call about the invoice").path("id").asText();
        take("bob", "Dan", "Not for Ann");

        JsonNode today = f.get("ann", "/api/today").json();
        assertThat(today.path("success").asBoolean()).isTrue();
        assertThat(today.path("messages")).hasSize(1);
        JsonNode m = today.path("messages").get(0);
        assertThat(m.path("id").asText()).isEqualTo(id);
        assertThat(m.path("caller_name").asText()).isEqualTo("Carol Jones");
        assertThat(m.path("contact").asText()).isEqualTo("+44 20 7946 0000");
        assertThat(m.path("message").asText()).isEqualTo("Please call about the invoice");
        assertThat(m.path("callback_by").asText()).isEqualTo("before 5 pm Friday");
        assertThat(m.path("done").asBoolean()).isFalse();
        assertThat(today.path("triage")).as("no Gmail linked: nothing triaged").isEmpty();
        assertThat(today.path("triage_status").path("gmail").asText()).isEqualTo("not_connected");
        assertThat(today.path("triage_status").path("error").asText()).contains("not connected");
        assertThat(today.path("review_queue")).isEmpty();
        assertThat(today.path("follow_ups")).isEmpty();

        assertThat(patch("bob", id, "{\"done\":true}").status()).isEqualTo(404);
        assertThat(patch("ann", "nope", "{\"done\":true}").status()).isEqualTo(404);
        assertThat(patch("ann", id, "{\"done\":\"yes\"}").errorCode()).isEqualTo("validation_failed");
        assertThat(f.get("ann", "/api/today").json().path("messages")).hasSize(1);

        Http.Response done = patch("ann", id, "{\"done\":true}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("message").path("done").asBoolean()).isTrue();
        assertThat(f.get("ann", "/api/today").json().path("messages")).isEmpty();
        assertThat(f.get("bob", "/api/today").json().path("messages")).hasSize(1);
    }

    @Test
    void lead_follow_ups_are_the_leads_due_today_or_earlier() {
        LocalDate today = LocalDate.now();
        f.post("ann", "/api/leads", json(Map.of("name", "Due Dan", "next_follow_up", today.minusDays(2).toString())));
        f.post("ann", "/api/leads", json(Map.of("name", "Later Liz", "next_follow_up", today.plusDays(9).toString())));
        f.post("ann", "/api/leads", json(Map.of("name", "No Date")));

        JsonNode followUps = f.get("ann", "/api/today").json().path("lead_follow_ups");

        assertThat(followUps).hasSize(1);
        assertThat(followUps.get(0).path("name").asText()).isEqualTo("Due Dan");
        assertThat(f.get("bob", "/api/today").json().path("lead_follow_ups")).isEmpty();
    }
}
