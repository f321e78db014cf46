package donna.backend;

import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.config.BackendConfig;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.testkit.clerk.FakeClerk;
import donna.testkit.clerk.JwksMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The security gate for Clerk tokens (PRD section 1, WS1 Phase 1) against a real service and a fake Clerk. */
class TestClerkAuth {
    private static final String APP_ORIGIN = "https://app.example.com";
    private static FakeClerk clerk;
    private static TestService service;

    @BeforeAll
    static void start(@TempDir Path dir) {
        clerk = FakeClerk.start();
        service = TestService.start(dir, c -> c.withClerk(clerkConfig(clerk)), List.of());
    }

    @AfterAll
    static void stop() {
        service.close();
        clerk.close();
    }

    private static Optional<BackendConfig.Clerk> clerkConfig(FakeClerk fake) {
        return Optional.of(new BackendConfig.Clerk(fake.jwksUrl(), fake.issuer(), List.of(APP_ORIGIN),
                Optional.of(FakeClerk.DEFAULT_OAUTH_CLIENT_ID)));
    }

    private static Http.Response me(String token) {
        return service.http().get("/api/me", "Authorization", "Bearer " + token);
    }

    @Test
    void a_valid_session_token_is_a_clerk_caller_upserted_by_clerk_id() {
        Http.Response response = me(clerk.token().subject("user_valid").email("v@example.com").azp(APP_ORIGIN).sign());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("auth").asText()).isEqualTo("clerk");
        assertThat(response.json().path("user").path("clerk_id").asText()).isEqualTo("user_valid");
        assertThat(response.json().path("user").path("email").asText()).isEqualTo("v@example.com");
        assertThat(me(clerk.token().subject("user_valid").azp(APP_ORIGIN).sign()).json().path("user").path("id"))
                .isEqualTo(response.json().path("user").path("id"));
    }

    @Test
    void an_oauth_access_token_of_the_desktop_client_is_accepted() {
        Http.Response response = me(clerk.accessToken().subject("user_desktop").sign());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("user").path("clerk_id").asText()).isEqualTo("user_desktop");
    }

    @Test
    void the_sign_in_config_is_public_and_names_the_desktop_client_and_its_loopback_redirect() {
        Http.Response response = service.http().get("/api/auth/config");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("sign_in").asText()).isEqualTo("clerk");
        assertThat(response.json().path("issuer").asText()).isEqualTo(clerk.issuer());
        assertThat(response.json().path("client_id").asText()).isEqualTo(FakeClerk.DEFAULT_OAUTH_CLIENT_ID);
        assertThat(response.json().path("redirect_uri").asText()).isEqualTo("http://127.0.0.1:47823/callback");
        assertThat(response.json().path("scopes").toString()).contains("offline_access");
    }

    static List<Arguments> bad_tokens() {
        Instant now = Instant.now();
        return List.of(
                Arguments.of("alg none", clerk.token().signAlgNone()),
                Arguments.of("HS256 keyed with the public key", clerk.token().signHs256WithPublicKey()),
                Arguments.of("expired", clerk.token().expiresAt(now.minusSeconds(30)).sign()),
                Arguments.of("not yet valid", clerk.token().notBefore(now.plusSeconds(60)).sign()),
                Arguments.of("wrong issuer", clerk.token().issuer("https://evil.clerk.accounts.dev").sign()),
                Arguments.of("wrong azp", clerk.token().azp("https://evil.example.com").sign()),
                Arguments.of("session token without azp", clerk.token().sign()),
                Arguments.of("azp not a string", clerk.token().claim("azp", 42).sign()),
                Arguments.of("unknown kid", clerk.token().signWithUnknownKey()),
                Arguments.of("foreign key under a known kid", clerk.token().signWithForeignKeySameKid()),
                Arguments.of("tampered payload", clerk.token().signTampered()),
                Arguments.of("missing sub", clerk.token().without("sub").sign()),
                Arguments.of("session token without sid (an id token)", clerk.token().without("sid").sign()),
                Arguments.of("garbage", FakeClerk.garbageToken()),
                Arguments.of("access token of another OAuth client", clerk.accessToken().clientId("other").sign()),
                Arguments.of("access token without scope", clerk.accessToken().without("scope").sign()),
                Arguments.of("expired access token", clerk.accessToken().expiresAt(now.minusSeconds(30)).sign()),
                Arguments.of("client_id claims under a session typ", clerk.token().clientId("x").sign()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_tokens")
    void each_bad_token_is_401_in_the_envelope(String why, String token) {
        Http.Response response = me(token);
        assertThat(response.status()).as(why).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("unauthorized");
        assertThat(response.body()).doesNotContain(token);
    }

    @Test
    void with_no_authorized_party_configured_no_session_token_is_accepted_but_the_desktop_client_is(
            @TempDir Path dir) {
        BackendConfig.Clerk none = new BackendConfig.Clerk(clerk.jwksUrl(), clerk.issuer(), List.of(),
                Optional.of(FakeClerk.DEFAULT_OAUTH_CLIENT_ID));
        try (TestService open = TestService.start(dir, c -> c.withClerk(Optional.of(none)), List.of())) {
            for (String token : List.of(clerk.token().subject("user_a").azp(APP_ORIGIN).sign(),
                    clerk.token().subject("user_a").sign())) {
                assertThat(open.http().get("/api/me", "Authorization", "Bearer " + token).status()).isEqualTo(401);
            }
            assertThat(open.http().get("/api/me", "Authorization", "Bearer "
                    + clerk.accessToken().subject("user_a").sign()).status()).isEqualTo(200);
        }
    }

    @Test
    void the_jwks_is_cached_and_refetched_only_for_a_new_key() {
        me(clerk.token().azp(APP_ORIGIN).sign());
        int fetches = clerk.jwksRequests();
        for (int i = 0; i < 5; i++) {
            assertThat(me(clerk.token().subject("user_cached").azp(APP_ORIGIN).sign()).status()).isEqualTo(200);
        }
        assertThat(clerk.jwksRequests()).isEqualTo(fetches);
    }

    @Test
    void an_unreachable_jwks_is_503_not_500_and_not_a_pass(@TempDir Path dir) {
        try (FakeClerk down = FakeClerk.start();
                TestService fresh = TestService.start(dir, c -> c.withClerk(clerkConfig(down)), List.of())) {
            down.jwksMode(JwksMode.ERROR_500);
            Http.Response response = fresh.http().get("/api/me", "Authorization",
                    "Bearer " + down.token().expiresIn(Duration.ofMinutes(5)).sign());
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.errorCode()).isEqualTo("auth_unavailable");
        }
    }
}
