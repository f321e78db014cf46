package donna.backend.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import donna.backend.ratelimit.RateLimiter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /api/v1/conversations/track}: an outside app sends a conversation in with its API key. The API
 * server lets this path past the Clerk gate ({@link #PATH}); the key is checked here, a bad one spending a token of
 * the caller's IP (guessing is rate limited), a good one a token of the key's own limit.
 */
final class TrackRoutes implements RouteGroup {
    public static final String PATH = "/api/v1/conversations/track";

    private final ApiKeys keys;
    private final RateLimiter perKey;
    private final AuthGate gate;
    private final Ingestion ingestion;
    private final ObjectMapper mapper;

    TrackRoutes(ApiKeys keys, RateLimiter perKey, AuthGate gate, Ingestion ingestion, ObjectMapper mapper) {
        this.keys = keys;
        this.perKey = perKey;
        this.gate = gate;
        this.ingestion = ingestion;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::track);
    }

    private void track(Context ctx) {
        String header = ctx.header("Authorization");
        String key = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                : null;
        ApiKeys.Verified verified = keys.verify(key).orElse(null);
        if (verified == null) {
            gate.limitAnonymous(ctx);
            throw ApiException.unauthorized("Send a live API key as Authorization: Bearer <key>");
        }
        perKey.acquire("key:" + verified.keyId());
        JsonNode body;
        try {
            body = mapper.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "Request body is not valid JSON");
        }
        TrackRequest request = TrackRequest.parse(body);
        Ingestion.Result result = ingestion.ingest(verified.ownerId(), Ingestion.Source.API, request.externalId(),
                request.messages(), request.metadata(), request.ended());
        ctx.json(Map.of("success", true, "conversation_id", result.conversationId(), "messages_added",
                result.messagesAdded()));
    }
}
