package donna.backend.auth;

import donna.backend.config.BackendConfig;
import donna.backend.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET /api/auth/config, public: how a desktop app signs in to this service. It spares every user from typing the
 * Clerk issuer and client id: pointing the app at the service's URL is enough. Nothing here is secret (a public
 * OAuth client has no secret).
 */
public final class SignInConfigRoutes implements RouteGroup {
    public static final String PATH = "/api/auth/config";
    private static final List<String> SCOPES = List.of("openid", "profile", "email", "offline_access");

    private final Optional<BackendConfig.Clerk> clerk;

    public SignInConfigRoutes(Optional<BackendConfig.Clerk> clerk) {
        this.clerk = clerk;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            Optional<BackendConfig.Clerk> oauth = clerk.filter(c -> c.oauthClientId().isPresent());
            body.put("sign_in", oauth.isPresent() ? "clerk" : "none");
            oauth.ifPresent(c -> {
                body.put("issuer", c.issuer());
                body.put("client_id", c.oauthClientId().orElseThrow());
                body.put("redirect_uri", c.oauthRedirectUri().toString());
                body.put("scopes", SCOPES);
            });
            ctx.json(body);
        });
    }
}
