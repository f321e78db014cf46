package donna.testkit.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import donna.standins.support.Exchanges;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeClerkOidcTest {
    private static final String REDIRECT = "http://127.0.0.1:53682/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mJ92K5x9-hn0HzxXcL2mK4MnNvJpqS1a7R";

    private final FakeClerk clerk = FakeClerk.start();
    private final HttpClient http = HttpClient.newHttpClient(); // does not follow redirects
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        http.close();
        clerk.close();
    }

    @Test
    void discoveryNamesTheEndpoints() throws Exception {
        JsonNode doc = json.readTree(get(clerk.discoveryUrl()).body());
        assertThat(doc.path("issuer").asText()).isEqualTo(clerk.issuer());
        assertThat(doc.path("token_endpoint").asText()).isEqualTo(clerk.issuer() + "/oauth/token");
        assertThat(doc.path("jwks_uri").asText()).isEqualTo(clerk.jwksUrl().toString());
        assertThat(doc.path("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void authorizationCodeWithPkceThenRefreshThenUserinfo() throws Exception {
        Map<String, String> callback = authorize("st4te", Pkce.s256(VERIFIER));
        assertThat(callback).containsEntry("state", "st4te").containsKey("code");

        HttpResponse<String> tokens = token(Map.of("grant_type", "authorization_code", "code", callback.get("code"),
                "redirect_uri", REDIRECT, "client_id", clerk.oauthClientId(), "code_verifier", VERIFIER));
        assertThat(tokens.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(tokens.body());
        SignedJWT access = SignedJWT.parse(body.path("access_token").asText());
        assertThat(access.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(ClerkUser.DEFAULT.id());
        assertThat(SignedJWT.parse(body.path("id_token").asText()).getJWTClaimsSet().getAudience())
                .containsExactly(clerk.oauthClientId());
        assertThat(body.path("expires_in").asLong()).isEqualTo(86400);
        String refresh = body.path("refresh_token").asText();
        assertThat(refresh).isNotEmpty();

        HttpResponse<String> refreshed = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", clerk.oauthClientId()));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String newAccess = json.readTree(refreshed.body()).path("access_token").asText();

        HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(clerk.issuer() + "/oauth/userinfo"))
                .header("Authorization", "Bearer " + newAccess).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(info.body()).path("email").asText()).isEqualTo(ClerkUser.DEFAULT.email());

        clerk.revokeRefreshTokens();
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id",
                clerk.oauthClientId())).body()).contains("invalid_grant");
    }

    @Test
    void wrongVerifierAndReusedCodeAreInvalidGrant() throws Exception {
        String code = authorize("s", Pkce.s256(VERIFIER)).get("code");
        Map<String, String> wrong = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", clerk.oauthClientId(), "code_verifier", VERIFIER + "x");
        assertThat(token(wrong).body()).contains("invalid_grant");

        String code2 = authorize("s", Pkce.s256(VERIFIER)).get("code");
        Map<String, String> right = Map.of("grant_type", "authorization_code", "code", code2, "redirect_uri",
                REDIRECT, "client_id", clerk.oauthClientId(), "code_verifier", VERIFIER);
        assertThat(token(right).statusCode()).isEqualTo(200);
        assertThat(token(right).body()).contains("invalid_grant");
    }

    @Test
    void unknownRedirectIsNotFollowedAndDenialRedirectsWithError() throws Exception {
        clerk.registerRedirectUri(REDIRECT);
        HttpResponse<String> foreign = get(authorizeUri("https://evil.example/cb", "s", "x"));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("Location")).isEmpty();

        clerk.denyNextAuthorize();
        assertThat(authorize("s1", Pkce.s256(VERIFIER))).containsEntry("error", "access_denied")
                .containsEntry("state", "s1");
    }

    private Map<String, String> authorize(String state, String challenge) throws Exception {
        HttpResponse<String> response = get(authorizeUri(REDIRECT, state, challenge));
        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT + "?");
        return Exchanges.form(location.getRawQuery());
    }

    private URI authorizeUri(String redirect, String state, String challenge) {
        return URI.create(clerk.issuer() + "/oauth/authorize?" + encode(Map.of("response_type", "code", "client_id",
                clerk.oauthClientId(), "redirect_uri", redirect, "state", state, "scope", FakeClerk.DEFAULT_SCOPE,
                "code_challenge", challenge, "code_challenge_method", "S256")));
    }

    private HttpResponse<String> token(Map<String, String> form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(clerk.issuer() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The S256 transform, computed independently of the fake. */
    static final class Pkce {
        static String s256(String verifier) throws Exception {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
    }
}
