package donna.testkit.clerk;

import static donna.standins.support.Exchanges.sendJson;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import donna.standins.support.Exchanges;
import donna.standins.support.OAuthPages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clerk as an OAuth 2.0 / OIDC provider for a public client (Authorization Code + PKCE S256), enough for the
 * desktop sign-in flow: discovery, authorize (the user is already signed in, so it redirects at once), token
 * (authorization_code and refresh_token grants) and userinfo.
 */
final class OidcProvider {
    private record Grant(String clientId, String redirectUri, String challenge, String scope, String nonce,
            ClerkUser user, Instant expires) {}

    private final FakeClerk clerk;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> redirectUris = new CopyOnWriteArraySet<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile boolean denyNextAuthorize;
    volatile Duration accessTokenTtl = Duration.ofDays(1);

    OidcProvider(FakeClerk clerk) {
        this.clerk = clerk;
    }

    void registerRedirectUri(String uri) {
        redirectUris.add(uri);
    }

    void denyNextAuthorize() {
        denyNextAuthorize = true;
    }

    void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    void discovery(HttpExchange exchange) throws IOException {
        String base = clerk.issuer();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", base);
        doc.put("authorization_endpoint", base + "/oauth/authorize");
        doc.put("token_endpoint", base + "/oauth/token");
        doc.put("userinfo_endpoint", base + "/oauth/userinfo");
        doc.put("jwks_uri", base + "/.well-known/jwks.json");
        doc.put("response_types_supported", List.of("code"));
        doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("none", "client_secret_basic", "client_secret_post"));
        sendJson(exchange, 200, doc);
    }

    void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = Exchanges.query(exchange);
        String redirectUri = q.get("redirect_uri");
        // Never redirect to an unregistered URI: that is how codes get stolen. Answer with a page instead.
        if (!"GET".equals(exchange.getRequestMethod()) || !clerk.oauthClientId().equals(q.get("client_id"))
                || !redirectAllowed(redirectUri)) {
            sendJson(exchange, 400, error("invalid_request", "unknown client_id or redirect_uri"));
            return;
        }
        String state = q.get("state");
        if (denyNextAuthorize) {
            denyNextAuthorize = false;
            OAuthPages.redirect(exchange, redirectUri, Map.of("error", "access_denied", "state", nullToEmpty(state)));
            return;
        }
        if (!"code".equals(q.get("response_type")) || q.get("code_challenge") == null
                || !"S256".equals(q.get("code_challenge_method"))) {
            OAuthPages.redirect(exchange, redirectUri, Map.of("error", "invalid_request", "error_description",
                    "response_type=code with an S256 code_challenge is required", "state", nullToEmpty(state)));
            return;
        }
        String code = "code_" + SigningKeys.shortId();
        codes.put(code, new Grant(q.get("client_id"), redirectUri, q.get("code_challenge"),
                q.getOrDefault("scope", "openid"), q.get("nonce"), clerk.signedInUser(),
                Instant.now().plusSeconds(600)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        if (state != null) {
            params.put("state", state);
        }
        OAuthPages.redirect(exchange, redirectUri, params);
    }

    void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        if (!"POST".equals(exchange.getRequestMethod())) {
            sendJson(exchange, 405, error("invalid_request", "POST only"));
            return;
        }
        Map<String, String> form = Exchanges.form(new String(Exchanges.body(exchange), StandardCharsets.UTF_8));
        if (!clerk.oauthClientId().equals(form.get("client_id"))) {
            sendJson(exchange, 401, error("invalid_client", "unknown client_id"));
            return;
        }
        switch (String.valueOf(form.get("grant_type"))) {
            case "authorization_code" -> codeGrant(exchange, form);
            case "refresh_token" -> refreshGrant(exchange, form);
            default -> sendJson(exchange, 400, error("unsupported_grant_type", "unsupported grant_type"));
        }
    }

    void userinfo(HttpExchange exchange) throws IOException {
        String token = Exchanges.bearer(exchange);
        String sub = token == null ? null : verifiedAccessTokenSubject(token);
        if (sub == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            sendJson(exchange, 401, error("invalid_token", "missing or invalid access token"));
            return;
        }
        ClerkUser user = clerk.signedInUser();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sub", sub);
        info.put("user_id", sub);
        info.put("email", user.email());
        info.put("email_verified", true);
        info.put("name", user.fullName());
        info.put("given_name", user.firstName());
        info.put("family_name", user.lastName());
        sendJson(exchange, 200, info);
    }

    private void codeGrant(HttpExchange exchange, Map<String, String> form) throws IOException {
        Grant grant = codes.remove(nullToEmpty(form.get("code"))); // single use
        if (grant == null || grant.expires().isBefore(Instant.now())
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !OAuthPages.s256(nullToEmpty(form.get("code_verifier"))).equals(grant.challenge())) {
            sendJson(exchange, 400, error("invalid_grant", "invalid code, redirect_uri or code_verifier"));
            return;
        }
        issue(exchange, grant, "rt_" + SigningKeys.shortId() + SigningKeys.shortId());
    }

    private void refreshGrant(HttpExchange exchange, Map<String, String> form) throws IOException {
        Grant grant = refreshTokens.get(nullToEmpty(form.get("refresh_token")));
        if (grant == null) {
            sendJson(exchange, 400, error("invalid_grant", "invalid refresh_token"));
            return;
        }
        // Clerk's refresh tokens do not expire and are not rotated: the same one comes back.
        issue(exchange, grant, form.get("refresh_token"));
    }

    private void issue(HttpExchange exchange, Grant grant, String refreshToken) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", clerk.accessToken().subject(grant.user().id()).scope(grant.scope())
                .expiresIn(accessTokenTtl).sign());
        body.put("token_type", "Bearer");
        body.put("expires_in", accessTokenTtl.toSeconds());
        body.put("scope", grant.scope());
        if (grant.scope().contains("openid")) {
            TokenBuilder id = clerk.token().subject(grant.user().id()).without("sid").audience(grant.clientId())
                    .email(grant.user().email()).claim("email_verified", true).claim("name", grant.user().fullName())
                    .expiresIn(Duration.ofHours(1));
            if (grant.nonce() != null) {
                id.claim("nonce", grant.nonce());
            }
            body.put("id_token", id.sign());
        }
        if (grant.scope().contains("offline_access")) {
            refreshTokens.put(refreshToken, grant);
            body.put("refresh_token", refreshToken);
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        sendJson(exchange, 200, body);
    }

    /** The subject of an access token this instance issued, or null. */
    private String verifiedAccessTokenSubject(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            var key = clerk.keys().current();
            if (!new JOSEObjectType("at+jwt").equals(jwt.getHeader().getType())
                    || !key.getKeyID().equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))
                    || jwt.getJWTClaimsSet().getExpirationTime().toInstant().isBefore(Instant.now())) {
                return null;
            }
            return jwt.getJWTClaimsSet().getSubject();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return null;
        }
    }

    private boolean redirectAllowed(String uri) {
        if (uri == null) {
            return false;
        }
        if (!redirectUris.isEmpty()) {
            return redirectUris.contains(uri);
        }
        // Nothing registered: any loopback http redirect, as a desktop client uses.
        return OAuthPages.isLoopbackRedirect(uri);
    }

    private static Map<String, Object> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
