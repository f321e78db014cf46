package donna.backend.gmail;

import static donna.backend.support.GmailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.standins.google.Endpoint;
import donna.standins.openai.Failure;
import donna.standins.openai.RecordedRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestGmailDraft {
    @RegisterExtension
    final GmailFixture f = new GmailFixture().connectedAs("ann");

    private Http.Response draft(Object body) {
        return f.post("ann", "/api/gmail/draft-reply", json(body));
    }

    private void remember(String key, String value) {
        assertThat(f.put("ann", "/api/memory", json(Map.of("key", key, "value", value))).status()).isEqualTo(200);
    }

    @Test
    void a_draft_answers_the_mail_in_the_users_tone_and_nothing_is_sent() {
        remember("tone", "warm, brief, signs off as Sam");
        remember("profile", "sales");
        String id = f.google.addInboxMessage().from("Bob Stone <bob@example.com>").subject("Lunch on Thursday?")
                .text("Are you free for lunch on Thursday at 12:30?").add();
        f.openAi.replyWith("Thursday at 12:30 works for me. See you then!\nSam");

        Http.Response drafted = draft(Map.of("message_id", id, "instructions", "say yes"));

        assertThat(drafted.status()).as(drafted.body()).isEqualTo(200);
        JsonNode d = drafted.json();
        assertThat(d.path("to").get(0).asText()).isEqualTo("Bob Stone <bob@example.com>");
        assertThat(d.path("cc")).isEmpty();
        assertThat(d.path("subject").asText()).isEqualTo("Re: Lunch on Thursday?");
        assertThat(d.path("body").asText()).isEqualTo("Thursday at 12:30 works for me. See you then!\nSam");
        assertThat(d.path("reply_to_message_id").asText()).isEqualTo(id);

        RecordedRequest request = f.openAi.lastRequest(donna.standins.openai.Endpoint.RESPONSES);
        assertThat(request.instructions()).contains("drafting an email reply",
                donna.backend.chat.Profile.SALES.instructions().lines().findFirst().orElseThrow(),
                "tone: \"warm, brief, signs off as Sam\"");
        assertThat(request.input().toString()).contains("Are you free for lunch on Thursday at 12:30?",
                "Bob Stone <bob@example.com>", "say yes");
        assertThat(request.tools().isMissingNode() || request.tools().isEmpty()).isTrue();
        assertThat(f.google.calls(Endpoint.SEND)).isZero();
    }

    @Test
    void a_reply_goes_to_reply_to_and_keeps_one_re() {
        String id = f.google.addInboxMessage().from("Bob <bob@example.com>").header("Reply-To", "team@example.com")
                .subject("RE: Plans").add();
        f.openAi.replyWith("Noted.");

        JsonNode d = draft(Map.of("message_id", id)).json();

        assertThat(d.path("to").get(0).asText()).isEqualTo("team@example.com");
        assertThat(d.path("subject").asText()).isEqualTo("RE: Plans");
    }

    @Test
    void bad_input_unknown_mail_and_a_refusing_model_are_clear_errors() {
        assertThat(draft(Map.of()).errorCode()).isEqualTo("invalid_input");
        assertThat(draft(Map.of("message_id", "ffffffff")).status()).isEqualTo(404);
        String id = f.google.addInboxMessage().add();
        assertThat(draft(Map.of("message_id", id, "instructions", "x".repeat(2_001))).errorCode())
                .isEqualTo("invalid_input");
        f.openAi.failNext(1, Failure.status(400, "Invalid request"));
        Http.Response refused = draft(Map.of("message_id", id));
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.errorCode()).isEqualTo("upstream_rejected");
        assertThat(f.post("bob", "/api/gmail/draft-reply", json(Map.of("message_id", id))).errorCode())
                .isEqualTo("gmail_not_connected");
    }
}
