package donna.backend.tools;

import static donna.backend.support.GmailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.standins.google.Endpoint;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestDrafts {
    @RegisterExtension
    final GmailFixture f = new GmailFixture().connectedAs("ann");
    private final ToolCalls tools = new ToolCalls(f);

    private Http.Response patch(String user, String id, Object body) {
        return f.http().send(b -> b.method("PATCH", HttpRequest.BodyPublishers.ofString(json(body)))
                .header("Content-Type", "application/json"), "/api/drafts/" + id,
                donna.backend.support.TestService.internalAs(user));
    }

    @Test
    void draft_reply_stores_a_reply_in_the_users_tone_and_sends_nothing() {
        String id = f.google.addInboxMessage().from("Bob Stone <bob@example.com>").subject("Lunch on Thursday?")
                .messageId("<lunch-1@mail.example.com>").text("Are you free on Thursday?").add();
        f.openAi.replyWith("Thursday works for me. See you then!\nSam");

        Http.Response r = tools.call("ann", "draft_reply", Map.of("message_id", id, "instructions", "say yes"));

        assertThat(r.json().path("action").asText()).isEqualTo("draft_ready");
        JsonNode draft = r.json().path("card").path("draft");
        assertThat(draft.path("to").get(0).asText()).isEqualTo("Bob Stone <bob@example.com>");
        assertThat(draft.path("subject").asText()).isEqualTo("Re: Lunch on Thursday?");
        assertThat(draft.path("body").asText()).startsWith("Thursday works for me.");
        assertThat(draft.path("in_reply_to").asText()).isEqualTo("<lunch-1@mail.example.com>");
        assertThat(draft.path("reply_to_message_id").asText()).isEqualTo(id);
        assertThat(draft.path("status").asText()).isEqualTo("open");
        assertThat(r.json().path("output").path("note").asText()).contains("nothing was sent");
        assertThat(f.google.calls(Endpoint.SEND)).isZero();

        JsonNode listed = f.get("ann", "/api/drafts").json().path("drafts");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(draft.path("id").asText());
    }

    @Test
    void drafts_are_listed_read_edited_and_discarded_by_their_owner_only() {
        String id = tools.output("ann", "compose_mail", Map.of("to", List.of("carol@example.com"), "subject", "Plans",
                "body", "Shall we meet?")).path("draft").path("id").asText();

        assertThat(f.get("ann", "/api/drafts/" + id).json().path("draft").path("subject").asText()).isEqualTo("Plans");
        assertThat(f.get("bob", "/api/drafts/" + id).status()).isEqualTo(404);
        assertThat(patch("bob", id, Map.of("subject", "Hijacked")).status()).isEqualTo(404);
        assertThat(f.delete("bob", "/api/drafts/" + id).status()).isEqualTo(404);
        assertThat(f.get("bob", "/api/drafts").json().path("drafts")).isEmpty();
        assertThat(f.get("ann", "/api/drafts/not-a-uuid").status()).isEqualTo(404);

        Http.Response edited = patch("ann", id, Map.of("subject", "New plans", "cc", List.of("dan@example.com")));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("draft").path("subject").asText()).isEqualTo("New plans");
        assertThat(edited.json().path("draft").path("cc").get(0).asText()).isEqualTo("dan@example.com");
        assertThat(edited.json().path("draft").path("body").asText()).isEqualTo("Shall we meet?");
        assertThat(patch("ann", id, Map.of("to", List.of("not an address"))).errorCode()).isEqualTo("invalid_input");
        assertThat(patch("ann", id, Map.of("subject", "a\r\nBcc: x@evil.example")).errorCode())
                .isEqualTo("invalid_input");

        assertThat(f.delete("ann", "/api/drafts/" + id).status()).isEqualTo(200);
        assertThat(f.get("ann", "/api/drafts").json().path("drafts")).isEmpty();
        assertThat(f.get("ann", "/api/drafts/" + id).json().path("draft").path("status").asText())
                .isEqualTo("discarded");
        assertThat(patch("ann", id, Map.of("subject", "again")).errorCode()).isEqualTo("draft_not_open");
    }

    @Test
    void compose_refuses_a_bad_address_as_the_calls_error() {
        JsonNode out = tools.output("ann", "compose_mail", Map.of("to", List.of("nobody"), "subject", "x", "body", "y"));

        assertThat(out.path("error").path("code").asText()).isEqualTo("invalid_address");
        assertThat(f.count("select count(*) from drafts")).isZero();
    }
}
