package donna.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.webhooks.Delivery;
import donna.core.webhooks.Webhook;
import donna.core.webhooks.Webhooks;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhooks routes (docs/api.md, "Webhooks and voice events"), over the same connection as {@link BackendClient}
 * ({@code client.webhooks()}). Blocking; failures are {@link ServiceException}s carrying the service's message.
 */
public final class WebhooksClient {
    private final ServiceHttp http;

    WebhooksClient(ServiceHttp http) {
        this.http = http;
    }

    public Webhooks list() {
        JsonNode answer = http.get("/api/webhooks");
        List<Webhook> hooks = new ArrayList<>();
        answer.path("webhooks").forEach(n -> hooks.add(webhook(n)));
        List<String> types = new ArrayList<>();
        answer.path("events").forEach(t -> types.add(t.asText()));
        return new Webhooks(hooks, types);
    }

    /** @throws ServiceException 400 {@code webhook_url_refused} naming why the address is refused, and the like */
    public Webhooks.Created create(String url, List<String> events) {
        ObjectNode body = http.json().createObjectNode().put("url", url);
        events.forEach(body.putArray("events")::add);
        JsonNode answer = http.send("POST", "/api/webhooks", body);
        return new Webhooks.Created(webhook(answer.path("webhook")), answer.path("secret").asText());
    }

    public void delete(String id) {
        http.send("DELETE", "/api/webhooks/" + enc(id), null);
    }

    /** Queues a {@code webhook.test} delivery; the delivery log says how it went. */
    public void test(String id) {
        http.send("POST", "/api/webhooks/" + enc(id) + "/test", http.json().createObjectNode());
    }

    private static Webhook webhook(JsonNode n) {
        List<String> events = new ArrayList<>();
        n.path("events").forEach(e -> events.add(e.asText()));
        List<Delivery> recent = new ArrayList<>();
        n.path("recent_deliveries").forEach(d -> recent.add(new Delivery(d.path("id").asText(),
                d.path("event").asText(), d.path("status").asText(), d.path("attempts").asInt(),
                d.path("last_status").asInt(0), text(d, "last_error"), d.path("created_at").asText())));
        return new Webhook(n.path("id").asText(), n.path("url").asText(), events, n.path("enabled").asBoolean(),
                text(n, "disabled_reason"), n.path("consecutive_failures").asInt(), n.path("created_at").asText(),
                recent);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
