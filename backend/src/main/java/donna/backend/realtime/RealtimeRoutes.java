package donna.backend.realtime;

import donna.backend.auth.AuthGate;
import donna.backend.auth.Caller;
import donna.backend.chat.Profile;
import donna.backend.http.ApiException;
import donna.backend.http.PathIds;
import donna.backend.http.RouteGroup;
import donna.backend.openai.ClientSecret;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import com.fasterxml.jackson.annotation.JsonProperty;
import donna.backend.users.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/realtime/token}: a short-lived client secret for a voice session, metered by {@link VoiceBudget}
 * (its id is {@code donna_session_id}); the app reports the session's liveness on
 * {@code POST /api/realtime/sessions/{id}/heartbeat} and its end on {@code .../end}. The auth gate has already let
 * the caller in (a Clerk user or the internal secret) and CORS has refused foreign origins.
 */
public final class RealtimeRoutes implements RouteGroup {
    public static final String PATH = "/api/realtime/token";

    public static final String SESSIONS = "/api/realtime/sessions/{id}";

    private final RealtimeTokens tokens;
    private final VoiceBudget budget;

    public RealtimeRoutes(RealtimeTokens tokens, VoiceBudget budget) {
        this.tokens = tokens;
        this.budget = budget;
    }

    /** @param sessionId the caller's live voice session a spare secret continues (optional) */
    record TokenBody(String profile, @JsonProperty("session_id") String sessionId) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::token);
        routes.post(SESSIONS + "/heartbeat", this::heartbeat);
        routes.post(SESSIONS + "/end", this::end);
    }

    private void heartbeat(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        budget.heartbeat(user.id(), sessionId(ctx));
        ctx.json(Map.of("success", true));
    }

    private void end(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        budget.end(user.id(), sessionId(ctx));
        ctx.json(Map.of("success", true));
    }

    /** A path id; one that is not a UUID names no session (404, as another user's). */
    private static UUID sessionId(Context ctx) {
        return PathIds.uuid(ctx, () -> ApiException.notFound("No such voice session"));
    }

    private void token(Context ctx) {
        Caller caller = AuthGate.caller(ctx);
        String raw = ctx.body();
        TokenBody body = raw.isBlank() ? new TokenBody(null, null) : ctx.bodyAsClass(TokenBody.class);
        if (body == null) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
        }
        RealtimeTokens.Minted minted = tokens.mint(caller, Profile.parse(body.profile()), continuing(body));
        ClientSecret secret = minted.secret();
        Map<String, Object> clientSecret = new LinkedHashMap<>();
        clientSecret.put("value", secret.value());
        clientSecret.put("expires_at", secret.expiresAt().getEpochSecond());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("client_secret", clientSecret);
        answer.put("model", tokens.model());
        minted.sessionId().ifPresent(id -> answer.put("donna_session_id", id.toString()));
        // A secret must not sit in any cache on the way.
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }

    private static Optional<UUID> continuing(TokenBody body) {
        if (body.sessionId() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(body.sessionId()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("validation_failed", "session_id must be a voice session's id");
        }
    }
}
