package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.webhooks.Webhook;
import donna.core.webhooks.Webhooks;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of the webhooks routes (docs/api.md, "Webhooks and voice events"). */
class TestWebhooksClient {
    static final String HOOK = """
            {"id":"w-1","url":"https://crm.example.com/hooks","events":["lead.created","chat.turn"],"enabled":false,
             "disabled_reason":"15 failed deliveries in a row (last: HTTP 500)","consecutive_failures":15,
             "created_at":"2026-12-01T10:00:00Z","recent_deliveries":[{"id":"d-1","webhook_id":"w-1",
             "event":"lead.created","status":"failed","attempts":3,"last_status":500,"last_error":"HTTP 500",
             "created_at":"2026-12-01T10:01:00Z"},{"id":"d-2","event":"webhook.test","status":"pending",
             "attempts":0,"created_at":"2026-12-01T10:02:00Z"}]}""";

    private final StubServer stub;
    private final WebhooksClient client;

    TestWebhooksClient() throws IOException {
        stub = new StubServer();
        client = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local").build()
                .webhooks();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void the_list_reads_each_webhook_its_deliveries_and_the_event_types() {
        stub.on("GET /api/webhooks", StubServer.Answer.json(200, "{\"success\":true,\"webhooks\":[" + HOOK
                + "],\"events\":[\"lead.created\",\"lead.updated\",\"chat.turn\"]}"));

        Webhooks list = client.list();

        assertThat(list.eventTypes()).containsExactly("lead.created", "lead.updated", "chat.turn");
        Webhook hook = list.webhooks().getFirst();
        assertThat(hook.enabled()).isFalse();
        assertThat(hook.disabledReason()).contains("15 failed deliveries");
        assertThat(hook.events()).containsExactly("lead.created", "chat.turn");
        assertThat(hook.recent()).extracting(d -> d.event() + " " + d.status() + " " + d.lastStatus())
                .containsExactly("lead.created failed 500", "webhook.test pending 0");
        assertThat(hook.recent().get(1).lastError()).isNull();
    }

    @Test
    void creating_sends_the_url_and_events_and_keeps_the_secret_shown_once() throws Exception {
        stub.on("POST /api/webhooks", StubServer.Answer.json(200, "{\"success\":true,\"id\":\"w-1\",\"webhook\":"
                + HOOK + ",\"secret\":\"whsec_abc\"}"));

        Webhooks.Created created = client.create("https://crm.example.com/hooks", List.of("lead.created"));

        assertThat(created.secret()).isEqualTo("whsec_abc");
        assertThat(created.webhook().id()).isEqualTo("w-1");
        assertThat(new ObjectMapper().readTree(stub.seen.getFirst().body()).toString())
                .isEqualTo("{\"url\":\"https://crm.example.com/hooks\",\"events\":[\"lead.created\"]}");
    }

    @Test
    void a_refused_address_comes_back_with_the_services_reason() {
        stub.on("POST /api/webhooks", StubServer.Answer.json(400, "{\"success\":false,\"error\":{\"code\":"
                + "\"webhook_url_refused\",\"message\":\"10.0.0.5 is a private address\"}}"));

        assertThatThrownBy(() -> client.create("https://intranet.example/h", List.of("lead.created")))
                .isInstanceOf(ServiceException.class).hasMessageContaining("private address");
    }

    @Test
    void delete_and_test_call_their_routes() {
        stub.on("DELETE /api/webhooks/w-1", StubServer.Answer.json(200, "{\"success\":true}"));
        stub.on("POST /api/webhooks/w-1/test", StubServer.Answer.json(200, "{\"success\":true,\"delivery\":"
                + "{\"id\":\"d-3\",\"status\":\"pending\"}}"));

        client.delete("w-1");
        client.test("w-1");

        assertThat(stub.seen).extracting(r -> r.method() + " " + r.uri())
                .containsExactly("DELETE /api/webhooks/w-1", "POST /api/webhooks/w-1/test");
    }
}
