package donna.backend.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/tools} (the registry) and {@code POST /api/tools/call} (one tool for the caller): the path every
 * voice engine and outside client uses; typed turns call the same executor in-process. Every finished call is
 * recorded through the {@link ToolStepLog}.
 */
public final class ToolRoutes implements RouteGroup {
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final ToolExecutor tools;
    private final ToolStepLog steps;
    private final Jdbi jdbi;
    private final ObjectMapper mapper;

    public ToolRoutes(ToolExecutor tools, ToolStepLog steps, Jdbi jdbi, ObjectMapper mapper) {
        this.tools = tools;
        this.steps = steps;
        this.jdbi = jdbi;
        this.mapper = mapper;
    }

    record CallBody(String name, JsonNode arguments, @JsonProperty("chat_id") String chatId,
            @JsonProperty("call_id") String callId, @JsonProperty("user_item_id") String userItemId,
            @JsonProperty("client_outbox") Boolean clientOutbox) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/tools", this::list);
        routes.post("/api/tools/call", this::call);
    }

    private void list(Context ctx) {
        AuthGate.caller(ctx).requireUser();
        ObjectNode body = mapper.createObjectNode().put("success", true);
        ArrayNode list = body.putArray("tools");
        for (ToolSpec spec : tools.specs()) {
            list.addObject().put("name", spec.name()).put("description", spec.description())
                    .put("confirm_required", spec.confirmRequired()).set("parameters", spec.parameters());
        }
        ctx.json(body);
    }

    private void call(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        CallBody body = ctx.bodyAsClass(CallBody.class);
        if (body == null || body.name() == null || body.name().isBlank()) {
            throw ApiException.badRequest("validation_failed", "name is required");
        }
        String chatId = optionalId("chat_id", body.chatId());
        String callId = Optional.ofNullable(optionalId("call_id", body.callId()))
                .orElseGet(() -> "call_" + UUID.randomUUID());
        String userItemId = optionalId("user_item_id", body.userItemId());
        if (chatId != null && !ownChat(user, chatId)) {
            throw ApiException.notFound("No such chat");
        }
        ToolCallContext context = new ToolCallContext(user, chatId, null, null, userItemId,
                Boolean.TRUE.equals(body.clientOutbox()), userItemId != null ? "voice" : "api");
        long started = System.nanoTime();
        ToolOutcome outcome = tools.call(context, body.name(), body.arguments());
        steps.record(context, callId, body.name(), body.arguments(), outcome, (System.nanoTime() - started) / 1_000_000);
        ObjectNode answer = mapper.createObjectNode().put("success", true);
        answer.set("output", outcome.output());
        if (outcome.action() != null) {
            answer.put("action", outcome.action());
        }
        if (outcome.card() != null) {
            answer.set("card", outcome.card());
        }
        answer.put("summary", outcome.summary()).put("call_id", callId);
        ctx.json(answer);
    }

    /** A chat that does not exist yet is fine (voice starts one); another user's is not found. */
    private boolean ownChat(User user, String chatId) {
        Optional<UUID> owner = jdbi.withHandle(h -> h.createQuery(
                        "select user_id from chat_sessions where chat_id = :c")
                .bind("c", chatId).mapTo(UUID.class).findOne());
        return owner.isEmpty() || owner.get().equals(user.id());
    }

    private static String optionalId(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!ID.matcher(value).matches()) {
            throw ApiException.badRequest("validation_failed", field + " must be 1-128 printable characters");
        }
        return value;
    }
}
