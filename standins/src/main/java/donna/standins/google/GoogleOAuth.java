package donna.standins.google;

import static donna.standins.support.Exchanges.sendJson;

import com.sun.net.httpserver.HttpExchange;
import donna.standins.support.Exchanges;
import donna.standins.support.OAuthPages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's OAuth 2.0 endpoints for an installed app: authorize (the user is signed in and consents at once, so it
 * redirects straight back with a code and the state) and token ({@code authorization_code} with PKCE S256 and
 * the client secret, {@code refresh_token}). A refresh token is issued only for {@code access_type=offline}, as at
 * Google; revoked or unknown ones answer {@code invalid_grant}.
 */
final class GoogleOAuth {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Grant(String redirectUri, String challenge, String scope, boolean offline, Instant expires) {}

    private final FakeGoogle google;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private volatile Map<String, String> lastAuthorize = Map.of();
    private volatile boolean denyNext;
    volatile Duration accessTokenTtl = Duration.ofHours(1);

    GoogleOAuth(FakeGoogle google) {
        this.google = google;
    }

    void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = Exchanges.query(exchange);
        lastAuthorize = Map.copyOf(q);
        String redirectUri = q.get("redirect_uri");
        // Google shows an error page (never redirects) for an unknown client or an unregistered redirect.
        if (!google.clientId().equals(q.get("client_id")) || !OAuthPages.isLoopbackRedirect(redirectUri)) {
            sendJson(exchange, 400, error("invalid_request", "Error 400: redirect_uri_mismatch or invalid_client"));
            return;
        }
        String state = q.getOrDefault("state", "");
        if (denyNext) {
            denyNext = false;
            OAuthPages.redirect(exchange, redirectUri, Map.of("error", "access_denied", "state", state));
            return;
        }
        if (!"code".equals(q.get("response_type")) || q.get("code_challenge") == null
                || !"S256".equals(q.get("code_challenge_method"))) {
            OAuthPages.redirect(exchange, redirectUri, Map.of("error", "invalid_request", "state", state));
            return;
        }
        String code = "4/0fake-" + token(24);
        codes.put(code, new Grant(redirectUri, q.get("code_challenge"), q.getOrDefault("scope", ""),
                "offline".equals(q.get("access_type")), Instant.now().plusSeconds(600)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("state", state);
        params.put("code", code);
        params.put("scope", q.getOrDefault("scope", ""));
        OAuthPages.redirect(exchange, redirectUri, params);
    }

    void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            sendJson(exchange, 405, error("invalid_request", "POST only"));
            return;
        }
        Map<String, String> form = Exchanges.form(new String(Exchanges.body(exchange), StandardCharsets.UTF_8));
        Map<String, String> basic = basicAuth(exchange);
        String clientId = basic.getOrDefault("id", form.get("client_id"));
        String secret = basic.getOrDefault("secret", form.get("client_secret"));
        if (!google.clientId().equals(clientId) || !google.clientSecret().equals(secret)) {
            sendJson(exchange, 401, error("invalid_client", "The OAuth client was not found."));
            return;
        }
        switch (String.valueOf(form.get("grant_type"))) {
            case "authorization_code" -> codeGrant(exchange, form);
            case "refresh_token" -> refreshGrant(exchange, form);
            default -> sendJson(exchange, 400, error("unsupported_grant_type", "Invalid grant_type"));
        }
    }

    /**
     * Google's revocation endpoint: {@code token} (a refresh or access token) in a form POST; a refresh token ends
     * its grant and the access tokens with it. Unknown tokens answer 400 {@code invalid_token}, as Google does.
     */
    void revoke(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            sendJson(exchange, 405, error("invalid_request", "POST only"));
            return;
        }
        Map<String, String> form = Exchanges.form(new String(Exchanges.body(exchange), StandardCharsets.UTF_8));
        String token = String.valueOf(form.get("token"));
        if (refreshTokens.remove(token)) {
            accessTokens.clear();
            sendJson(exchange, 200, Map.of());
        } else if (accessTokens.remove(token) != null) {
            sendJson(exchange, 200, Map.of());
        } else {
            sendJson(exchange, 400, error("invalid_token", "Token expired or revoked"));
        }
    }

    int liveRefreshTokens() {
        return refreshTokens.size();
    }

    private void codeGrant(HttpExchange exchange, Map<String, String> form) throws IOException {
        Grant grant = codes.remove(String.valueOf(form.get("code"))); // single use
        if (grant == null || grant.expires().isBefore(Instant.now())) {
            sendJson(exchange, 400, error("invalid_grant", "Malformed auth code."));
            return;
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            sendJson(exchange, 400, error("redirect_uri_mismatch", "Bad Request"));
            return;
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !OAuthPages.s256(verifier).equals(grant.challenge())) {
            sendJson(exchange, 400, error("invalid_grant", "Invalid code verifier."));
            return;
        }
        Map<String, Object> body = accessToken(grant.scope());
        if (grant.offline()) {
            String refresh = "1//0fake-" + token(32);
            refreshTokens.add(refresh);
            issued.add(refresh);
            body.put("refresh_token", refresh);
            body.put("refresh_token_expires_in", 604_799);
        }
        sendJson(exchange, 200, body);
    }

    private void refreshGrant(HttpExchange exchange, Map<String, String> form) throws IOException {
        refreshes.incrementAndGet();
        if (!refreshTokens.contains(String.valueOf(form.get("refresh_token")))) {
            sendJson(exchange, 400, error("invalid_grant", "Token has been expired or revoked."));
            return;
        }
        // Google does not rotate refresh tokens on refresh: the answer has no new one.
        sendJson(exchange, 200, accessToken(FakeGoogle.SCOPES));
    }

    private Map<String, Object> accessToken(String scope) {
        String access = "ya29.fake-" + token(32);
        accessTokens.put(access, Instant.now().plus(accessTokenTtl));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("expires_in", accessTokenTtl.toSeconds());
        body.put("scope", scope);
        body.put("token_type", "Bearer");
        return body;
    }

    boolean validAccessToken(String token) {
        Instant expires = token == null ? null : accessTokens.get(token);
        return expires != null && expires.isAfter(Instant.now());
    }

    void expireAccessTokens() {
        accessTokens.clear();
    }

    Set<String> issuedRefreshTokens() {
        return Set.copyOf(issued);
    }

    void revokeRefreshTokens() {
        refreshTokens.clear();
        accessTokens.clear();
    }

    void denyNextAuthorize() {
        denyNext = true;
    }

    Map<String, String> lastAuthorize() {
        return lastAuthorize;
    }

    int refreshes() {
        return refreshes.get();
    }

    private static Map<String, String> basicAuth(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Map.of();
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? Map.of() : Map.of("id", decoded.substring(0, colon), "secret", decoded.substring(colon + 1));
    }

    private static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Map<String, Object> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }
}
