package donna.testkit.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FakeClerkTokensTest {
    static FakeClerk clerk;

    @BeforeAll
    static void start() {
        clerk = FakeClerk.start();
    }

    @AfterAll
    static void stop() {
        clerk.close();
    }

    @Test
    void sessionTokenVerifiesAgainstThePublishedJwks() throws Exception {
        SignedJWT jwt = SignedJWT.parse(clerk.token().subject("user_9").azp("http://localhost:3000")
                .email("x@example.com").claim("org", "acme").sign());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(clerk.keyId());
        assertThat(jwt.getHeader().getType()).isNull();
        assertThat(jwt.verify(new RSASSAVerifier(publishedKey(jwt.getHeader().getKeyID())))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(clerk.issuer());
        assertThat(claims.getSubject()).isEqualTo("user_9");
        assertThat(claims.getStringClaim("azp")).isEqualTo("http://localhost:3000");
        assertThat(claims.getStringClaim("sid")).startsWith("sess_");
        assertThat(claims.getStringClaim("org")).isEqualTo("acme");
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
    }

    @Test
    void timesAndIssuerCanBeAnything() throws Exception {
        Instant later = Instant.now().plusSeconds(3600);
        var claims = SignedJWT.parse(clerk.token().expiresIn(Duration.ofMinutes(-5)).notBefore(later)
                .issuer("https://evil.example").without("sid").sign()).getJWTClaimsSet();

        assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now());
        assertThat(claims.getNotBeforeTime().toInstant().getEpochSecond()).isEqualTo(later.getEpochSecond());
        assertThat(claims.getIssuer()).isEqualTo("https://evil.example");
        assertThat(claims.getClaim("sid")).isNull();
    }

    @Test
    void accessTokenLooksLikeClerksOauthAccessToken() throws Exception {
        SignedJWT jwt = SignedJWT.parse(clerk.accessToken().subject("user_2").sign());

        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("client_id")).isEqualTo(FakeClerk.DEFAULT_OAUTH_CLIENT_ID);
        assertThat(claims.getStringClaim("scope")).isEqualTo(FakeClerk.DEFAULT_SCOPE);
        assertThat(claims.getAudience()).isEmpty();
        assertThat(claims.getClaim("sid")).isNull();
        assertThat(jwt.verify(new RSASSAVerifier(publishedKey(clerk.keyId())))).isTrue();
    }

    @Test
    void forgedTokensFailTheChecksTheyTarget() throws Exception {
        JWT none = JWTParser.parse(clerk.token().signAlgNone());
        assertThat(none.getHeader().getAlgorithm().getName()).isEqualTo("none");

        SignedJWT hs = SignedJWT.parse(clerk.token().signHs256WithPublicKey());
        assertThat(hs.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(hs.getHeader().getKeyID()).isEqualTo(clerk.keyId());

        SignedJWT unknown = SignedJWT.parse(clerk.token().signWithUnknownKey());
        assertThat(jwks().getKeyByKeyId(unknown.getHeader().getKeyID())).isNull();

        SignedJWT foreign = SignedJWT.parse(clerk.token().signWithForeignKeySameKid());
        assertThat(foreign.verify(new RSASSAVerifier(publishedKey(clerk.keyId())))).isFalse();

        SignedJWT tampered = SignedJWT.parse(clerk.token().subject("user_1").signTampered());
        assertThat(tampered.getJWTClaimsSet().getSubject()).isEqualTo("user_attacker");
        assertThat(tampered.verify(new RSASSAVerifier(publishedKey(clerk.keyId())))).isFalse();

        assertThatThrownBy(() -> JWTParser.parse(FakeClerk.garbageToken())).isInstanceOf(ParseException.class);
    }

    @Test
    void rotationPublishesTheNewKeyAndCanKeepTheOld() throws Exception {
        try (FakeClerk own = FakeClerk.start()) {
            String old = own.keyId();
            String fresh = own.rotateKey(true);
            JWKSet set = JWKSet.parse(get(own.jwksUrl()));
            assertThat(set.getKeys()).extracting(k -> k.getKeyID()).containsExactly(fresh, old);
            assertThat(SignedJWT.parse(own.token().sign()).getHeader().getKeyID()).isEqualTo(fresh);
            own.rotateKey(false);
            assertThat(JWKSet.parse(get(own.jwksUrl())).getKeys()).hasSize(1);
        }
    }

    private static JWKSet jwks() throws Exception {
        return JWKSet.parse(get(clerk.jwksUrl()));
    }

    private static java.security.interfaces.RSAPublicKey publishedKey(String kid) throws Exception {
        return jwks().getKeyByKeyId(kid).toRSAKey().toRSAPublicKey();
    }

    static String get(URI uri) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }
}
