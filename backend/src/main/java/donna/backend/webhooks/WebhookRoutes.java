package donna.backend.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.PathIds;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.outbound.OutboundAddressPolicy;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/webhooks}: a person's webhooks (create, list with recent deliveries, delivery log, delete, test).
 * The secret is answered once, at creation. Another user's webhook is 404.
 */
public final class WebhookRoutes implements RouteGroup {
    private static final int RECENT_DELIVERIES = 10;
    private static final int MAX_LOG = 200;

    private final WebhookStore store;
    private final WebhookEvents events;
    private final OutboundAddressPolicy policy;
    private final ObjectMapper mapper;
    private final Runnable onCreated;

    /** @param onCreated runs after a webhook is created (the desktop's service starts its delivery poller) */
    public WebhookRoutes(WebhookStore store, WebhookEvents events, OutboundAddressPolicy policy,
            ObjectMapper mapper, Runnable onCreated) {
        this.store = store;
        this.events = events;
        this.policy = policy;
        this.mapper = mapper;
        this.onCreated = onCreated;
    }

    record CreateBody(String url, List<String> events) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/webhooks", this::create);
        routes.get("/api/webhooks", this::list);
        routes.delete("/api/webhooks/{id}", this::delete);
        routes.get("/api/webhooks/{id}/deliveries", this::deliveries);
        routes.post("/api/webhooks/{id}/test", this::test);
    }

    private void create(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        CreateBody body = ctx.bodyAsClass(CreateBody.class);
        if (body == null) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
        }
        List<String> subscribed = events(body.events());
        try {
            policy.check(body.url());
        } catch (OutboundAddressPolicy.Refused refused) {
            throw ApiException.badRequest("webhook_url_refused", "The webhook URL is refused: " + refused.getMessage());
        }
        String secret = WebhookSignature.newSecret();
        Webhook webhook = store.create(user.id(), body.url().strip(), subscribed, secret)
                .orElseThrow(() -> new ApiException(409, "too_many_webhooks",
                        "You have " + WebhookStore.MAX_PER_USER + " webhooks already; delete one first"));
        onCreated.run();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", webhook.id());
        answer.put("webhook", webhook);
        answer.put("secret", secret); // shown this once; only its ciphertext is kept
        ctx.json(Json.success(mapper, answer));
    }

    private void list(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Webhook webhook : store.list(user.id())) {
            Map<String, Object> entry = mapper.convertValue(webhook, mapper.getTypeFactory()
                    .constructMapType(LinkedHashMap.class, String.class, Object.class));
            entry.put("recent_deliveries", store.deliveries(user.id(), webhook.id(), RECENT_DELIVERIES));
            out.add(entry);
        }
        ctx.json(Json.success(mapper, Map.of("webhooks", out, "events", EventTypes.ALL)));
    }

    private void deliveries(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        UUID id = id(ctx);
        store.find(user.id(), id).orElseThrow(WebhookRoutes::notFound);
        int limit = limit(ctx.queryParam("limit"));
        ctx.json(Json.success(mapper, Map.of("deliveries", store.deliveries(user.id(), id, limit))));
    }

    private void delete(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        if (!store.delete(user.id(), id(ctx))) {
            throw notFound();
        }
        ctx.json(Map.of("success", true));
    }

    /** Queues a test delivery; the answer says it is queued, the delivery log says how it went. */
    private void test(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        UUID id = id(ctx);
        Webhook webhook = store.find(user.id(), id).orElseThrow(WebhookRoutes::notFound);
        if (!webhook.enabled()) {
            throw new ApiException(409, "webhook_disabled", "This webhook is disabled: " + webhook.disabledReason());
        }
        UUID delivery = events.test(user.id(), id).orElseThrow(WebhookRoutes::notFound);
        ctx.json(Json.success(mapper, Map.of("delivery", Map.of("id", delivery, "status", "pending"))));
    }

    private static List<String> events(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ApiException.badRequest("validation_failed", "events must list at least one of " + EventTypes.ALL);
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String type : requested) {
            if (type == null || !EventTypes.known(type)) {
                throw ApiException.badRequest("unknown_event", "Unknown event type \"" + shorten(type)
                        + "\"; known: " + String.join(", ", EventTypes.ALL));
            }
            out.add(type);
        }
        return List.copyOf(out);
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static int limit(String value) {
        if (value == null) {
            return 50;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LOG) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw ApiException.badRequest("validation_failed", "limit must be a whole number from 1 to " + MAX_LOG);
    }

    private static UUID id(Context ctx) {
        return PathIds.uuid(ctx, WebhookRoutes::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such webhook");
    }
}
