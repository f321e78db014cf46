package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The signed-in person's insights (Clerk user, or the internal caller acting for one): conversations, their
 * messages and failures, analytics, failure status, dead letters. Another owner's conversation or failure is 404,
 * exactly like one that does not exist.
 */
final class InsightsRoutes implements RouteGroup {
    private static final Set<String> STATUSES = Set.of("open", "ack", "resolved");
    private static final int MESSAGES_PAGE = 200;
    private static final Duration MAX_HOURLY = Duration.ofDays(31);
    private static final Duration MAX_DAILY = Duration.ofDays(800);

    private final InsightsReads reads;
    private final Clock clock;

    InsightsRoutes(InsightsReads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/conversations", this::list);
        routes.get("/api/v1/conversations/{id}", this::one);
        routes.get("/api/v1/conversations/{id}/messages", this::messages);
        routes.get("/api/v1/conversations/{id}/failures", this::failures);
        routes.get("/api/v1/conversations/{id}/health", this::health);
        routes.get("/api/v1/analytics/summary", this::summary);
        routes.get("/api/v1/analytics/failures/trends", this::trends);
        routes.patch("/api/v1/failures/{id}", this::patchFailure);
        routes.get("/api/v1/dead-letters", this::deadLetters);
    }

    private static User user(Context ctx) {
        return AuthGate.caller(ctx).requireUser();
    }

    private void list(Context ctx) {
        InsightsReads.Page page = reads.list(user(ctx).id(), ConversationQuery.of(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("conversations", page.items());
        body.put("next_cursor", page.nextCursor());
        ctx.json(body);
    }

    private Map<String, Object> owned(Context ctx) {
        return reads.conversation(user(ctx).id(), Ids.uuid(ctx.pathParam("id")))
                .orElseThrow(() -> ApiException.notFound("No such conversation"));
    }

    private void one(Context ctx) {
        ctx.json(Map.of("success", true, "conversation", owned(ctx)));
    }

    private void messages(Context ctx) {
        UUID id = (UUID) owned(ctx).get("id");
        long after;
        try {
            String text = ctx.queryParam("after");
            after = text == null || text.isBlank() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ConversationQuery.invalid("after", "a message id");
        }
        int limit = ConversationQuery.integer(ctx, "limit", 1, 1_000).orElse(MESSAGES_PAGE);
        var messages = reads.messages(id, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("messages", messages);
        body.put("next_after", messages.size() == limit ? messages.getLast().get("id") : null);
        ctx.json(body);
    }

    private void failures(Context ctx) {
        UUID id = (UUID) owned(ctx).get("id");
        ctx.json(Map.of("success", true, "failures", reads.failures(id)));
    }

    private void health(Context ctx) {
        Map<String, Object> conversation = owned(ctx);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("score", conversation.get("health_score"));
        health.put("breakdown", conversation.get("health_breakdown"));
        health.put("scored_at", conversation.get("scored_at"));
        health.put("ended_at", conversation.get("ended_at"));
        ctx.json(Map.of("success", true, "health", health));
    }

    private void summary(Context ctx) {
        ctx.json(Map.of("success", true, "summary", reads.summary(user(ctx).id(), ConversationQuery.of(ctx))));
    }

    private void trends(Context ctx) {
        String bucket = ctx.queryParamAsClass("bucket", String.class).getOrDefault("day");
        if (!bucket.equals("day") && !bucket.equals("hour")) {
            throw ConversationQuery.invalid("bucket", "day or hour");
        }
        ConversationQuery q = ConversationQuery.of(ctx);
        Instant to = q.to().orElse(clock.instant());
        Instant from = q.from().orElse(to.minus(bucket.equals("day") ? Duration.ofDays(30) : Duration.ofHours(48)));
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(
                bucket.equals("day") ? MAX_DAILY : MAX_HOURLY) > 0) {
            throw ConversationQuery.invalid("from", "before to, at most " + (bucket.equals("day") ? "800 days"
                    : "31 days") + " earlier");
        }
        UUID owner = user(ctx).id();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("bucket", bucket);
        body.put("from", from);
        body.put("to", to);
        body.put("failures", reads.failureTrends(owner, q, bucket, from, to));
        body.put("health", reads.healthTrend(owner, q, bucket, from, to));
        ctx.json(body);
    }

    private void patchFailure(Context ctx) {
        User user = user(ctx);
        UUID id = Ids.uuid(ctx.pathParam("id"));
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        String status = body == null ? null : body.path("status").asText(null);
        if (status == null || !STATUSES.contains(status)) {
            throw ApiException.badRequest("validation_failed", "status: one of open, ack, resolved");
        }
        var failure = reads.setFailureStatus(user.id(), id, status, clock.instant())
                .orElseThrow(() -> ApiException.notFound("No such failure"));
        ctx.json(Map.of("success", true, "failure", failure));
    }

    private void deadLetters(Context ctx) {
        ctx.json(Map.of("success", true, "dead_letters", reads.deadLetters(user(ctx).id())));
    }
}
