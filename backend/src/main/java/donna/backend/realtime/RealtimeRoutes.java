package donna.backend.realtime;

import donna.backend.auth.AuthGate;
import donna.backend.auth.Caller;
import donna.backend.chat.Profile;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import donna.backend.openai.ClientSecret;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/realtime/token}: a short-lived client secret for a voice session. The auth gate has already let
 * the caller in (a Clerk user or the internal secret) and CORS has refused foreign origins.
 */
public final class RealtimeRoutes implements RouteGroup {
    public static final String PATH = "/api/realtime/token";

    private final RealtimeTokens tokens;

    public RealtimeRoutes(RealtimeTokens tokens) {
        this.tokens = tokens;
    }

    record TokenBody(String profile) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::token);
    }

    private void token(Context ctx) {
        Caller caller = AuthGate.caller(ctx);
        String raw = ctx.body();
        TokenBody body = raw.isBlank() ? new TokenBody(null) : ctx.bodyAsClass(TokenBody.class);
        if (body == null) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
        }
        ClientSecret secret = tokens.mint(caller, Profile.parse(body.profile()));
        Map<String, Object> clientSecret = new LinkedHashMap<>();
        clientSecret.put("value", secret.value());
        clientSecret.put("expires_at", secret.expiresAt().getEpochSecond());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("client_secret", clientSecret);
        answer.put("model", tokens.model());
        // A secret must not sit in any cache on the way.
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }
}
