package donna.app.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import donna.core.auth.ClerkSignIn;
import donna.core.auth.OAuthTokens;
import donna.core.auth.SignInConfig;
import donna.core.auth.SignInSession;
import donna.core.oauth.OAuthFlowException;
import donna.testkit.clerk.FakeClerk;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The desktop sign-in with Clerk as an OIDC provider, against the fake Clerk, with a simulated browser. */
class TestSignIn {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final FakeClerk clerk = FakeClerk.start();
    private final SimulatedBrowser browser = new SimulatedBrowser();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final MemorySecretStore keychain = new MemorySecretStore();

    @AfterEach
    void stop() {
        clerk.close();
    }

    private SignInConfig config(URI redirect) {
        return new SignInConfig(URI.create(clerk.issuer()), FakeClerk.DEFAULT_OAUTH_CLIENT_ID, redirect,
                SignInConfig.DEFAULT_SCOPES);
    }

    private ClerkSignIn flow() {
        // Port 0: any free port, so parallel test runs never collide; the fixed-port case has its own test.
        return new ClerkSignIn(config(URI.create("http://127.0.0.1:0/callback")), clock);
    }

    @Test
    void the_browser_round_trip_gives_refreshable_tokens_and_a_closing_page() {
        OAuthTokens tokens = flow().signIn(browser, WAIT, receiver -> { });

        assertThat(tokens.refreshToken()).isPresent();
        assertThat(tokens.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken());
        assertThat(browser.lastPage().statusCode()).isEqualTo(200);
        assertThat(browser.lastPage().body()).contains("You are signed in to DONNA");
        assertThat(flow().displayName(tokens.accessToken())).contains("Ada Lovelace (ada@example.com)");
    }

    @Test
    void the_registered_fixed_redirect_is_used_as_it_is() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        URI registered = URI.create("http://127.0.0.1:" + port + "/callback");
        clerk.registerRedirectUri(registered.toString());

        OAuthTokens tokens = new ClerkSignIn(config(registered), clock).signIn(browser, WAIT, receiver ->
                assertThat(receiver.redirectUri()).isEqualTo(registered));

        assertThat(tokens.accessToken()).isNotBlank();
    }

    @Test
    void saying_no_in_the_browser_is_a_readable_failure() {
        clerk.denyNextAuthorize();

        assertThatThrownBy(() -> flow().signIn(browser, WAIT, receiver -> { }))
                .isInstanceOfSatisfying(OAuthFlowException.class,
                        e -> assertThat(e.reason()).isEqualTo(OAuthFlowException.Reason.DENIED))
                .hasMessage("Permission was not given in the browser");
    }

    @Test
    void the_session_refreshes_once_shortly_before_expiry_and_survives_a_restart() {
        clerk.accessTokenTtl(Duration.ofMinutes(10));
        ClerkSignIn flow = flow();
        SignInSession session = new SignInSession(flow, new SecretTokenVault(keychain), clock);
        session.signedIn(flow.signIn(browser, WAIT, receiver -> { }));
        int exchanges = clerk.tokenRequests();
        String first = session.get().orElseThrow();
        assertThat(clerk.tokenRequests()).isEqualTo(exchanges);

        clock.advance(Duration.ofMinutes(9)); // inside the refresh margin
        String refreshed = session.get().orElseThrow();
        String again = session.get().orElseThrow();

        assertThat(refreshed).isNotEqualTo(first);
        assertThat(again).isEqualTo(refreshed);
        assertThat(clerk.tokenRequests()).isEqualTo(exchanges + 1);
        assertThat(keychain.get()).hasValueSatisfying(saved -> assertThat(saved).contains(refreshed));

        SignInSession afterRestart = new SignInSession(flow(), new SecretTokenVault(keychain), clock);
        assertThat(afterRestart.signedIn()).isTrue();
        assertThat(afterRestart.get()).contains(refreshed);
    }

    @Test
    void a_revoked_sign_in_signs_out_and_says_why() {
        clerk.accessTokenTtl(Duration.ofMinutes(10));
        ClerkSignIn flow = flow();
        SignInSession session = new SignInSession(flow, new SecretTokenVault(keychain), clock);
        List<String> told = new ArrayList<>();
        session.listener(told::add);
        session.signedIn(flow.signIn(browser, WAIT, receiver -> { }));

        clerk.revokeRefreshTokens();
        clock.advance(Duration.ofMinutes(9));

        assertThat(session.get()).isEmpty();
        assertThat(session.signedIn()).isFalse();
        assertThat(told).singleElement().asString().contains("sign in again");
        assertThat(keychain.get()).isEmpty();
    }

    @Test
    void an_unreachable_provider_keeps_the_token_while_it_is_still_valid() {
        clerk.accessTokenTtl(Duration.ofMinutes(10));
        ClerkSignIn flow = flow();
        SignInSession session = new SignInSession(flow, new SecretTokenVault(keychain), clock);
        session.signedIn(flow.signIn(browser, WAIT, receiver -> { }));
        String token = session.get().orElseThrow();

        clerk.close();
        clock.advance(Duration.ofMinutes(9));
        assertThat(session.get()).contains(token);

        clock.advance(Duration.ofMinutes(2)); // now past its expiry
        assertThat(session.get()).isEmpty();
        assertThat(session.signedIn()).as("a network failure is not a sign-out").isTrue();
    }

    @Test
    void signing_out_forgets_the_tokens() {
        ClerkSignIn flow = flow();
        SignInSession session = new SignInSession(flow, new SecretTokenVault(keychain), clock);
        session.signedIn(flow.signIn(browser, WAIT, receiver -> { }));

        session.signOut();

        assertThat(session.get()).isEmpty();
        assertThat(keychain.get()).isEmpty();
        assertThat(new SecretTokenVault(keychain).load()).isEqualTo(Optional.empty());
    }

    /** A clock the test moves by hand: token expiry without waiting. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
