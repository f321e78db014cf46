package donna.backend.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.config.BackendConfig;
import donna.backend.support.Http;
import donna.standins.openai.FakeOpenAi;
import donna.testkit.webhooks.FakeWebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the features announce (issue 14): a lead written by the tool or the route, a message taken, a chat turn
 * saved: each reaches a subscribed webhook as one signed delivery of its type, committed with the change.
 */
class TestFeatureEvents {
    private final FakeOpenAi openai = FakeOpenAi.start();
    private final WebhookFixture f = new WebhookFixture(c -> c
            .withWebhooks(new BackendConfig.Webhooks(true, Duration.ZERO))
            .withOpenAi(new BackendConfig.OpenAi(Optional.of("sk-events"), openai.baseUrl(), "gpt-test",
                    "gpt-realtime-test", Duration.ofSeconds(5))));

    @AfterEach
    void close() {
        f.close();
        openai.close();
    }

    @Test
    void leads_messages_and_chat_turns_reach_the_webhooks_that_asked_for_them() throws IOException {
        f.createWebhook("ann", "lead.created", "lead.updated", "message.taken", "chat.turn");

        Http.Response classified = f.service.http().post("/api/tools/call", "{\"name\":\"classify_lead\","
                + "\"arguments\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"company\":null,"
                + "\"category\":\"hot\",\"reason\":\"asked for a quote\",\"thread_id\":null}}",
                donna.backend.support.TestService.internalAs("ann"));
        assertThat(classified.status()).as(classified.body()).isEqualTo(200);
        String leadId = classified.json().path("output").path("lead").path("id").asText();
        Http.Response moved = f.service.http().send(b -> b.method("PATCH",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"stage\":\"qualified\"}"))
                .header("Content-Type", "application/json"), "/api/leads/" + leadId,
                donna.backend.support.TestService.internalAs("ann"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(f.post("ann", "/api/tools/call", Map.of("name", "take_message", "arguments",
                Map.of("caller_name", "Bob", "contact", "+1 555 0100", "message", "Call me back about the van",
                        "callback_by", "Friday"))).status()).isEqualTo(200);
        assertThat(f.post("ann", "/api/db/chat", Map.of("messages", List.of(
                Map.of("role", "user", "content", "What's on today?", "source", "voice"),
                Map.of("role", "assistant", "content", "Two meetings.", "source", "voice")))).status())
                .isEqualTo(200);
        // Another user's doings reach nobody of ann's.
        f.post("bob", "/api/tools/call", Map.of("name", "take_message", "arguments",
                Map.of("caller_name", "Eve", "contact", "eve@example.com", "message", "hello", "callback_by", "")));

        assertThat(f.worker().runDue()).isEqualTo(4);

        List<FakeWebhookReceiver.Received> got = f.receiver.requests();
        assertThat(got).extracting(r -> r.header("X-Donna-Event"))
                .containsExactly("lead.created", "lead.updated", "message.taken", "chat.turn");
        assertThat(body(got.get(0)).path("data").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(body(got.get(1)).path("data").path("stage").asText()).isEqualTo("qualified");
        assertThat(body(got.get(2)).path("data").path("caller_name").asText()).isEqualTo("Bob");
        JsonNode turn = body(got.get(3)).path("data");
        assertThat(turn.path("source").asText()).isEqualTo("voice");
        assertThat(turn.path("messages")).extracting(m -> m.path("content").asText())
                .containsExactly("What's on today?", "Two meetings.");
    }

    private static JsonNode body(FakeWebhookReceiver.Received r) {
        try {
            return WebhookFixture.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
