package donna.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The browser's side is played by an HTTP client hitting the loopback URL, as a real browser would. */
class TestLoopbackReceiver {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient browser = HttpClient.newHttpClient();

    @Test
    void listensOnLoopbackOnlyAndReturnsTheCodeWithAClosingPage() throws Exception {
        LoopbackReceiver receiver = LoopbackReceiver.start(0, "/callback", "s-123", "Gmail is connected");
        URI redirect = receiver.redirectUri();
        assertThat(redirect.getHost()).isEqualTo("127.0.0.1");
        assertThat(redirect.getPort()).isPositive();
        assertThat(redirect.getPath()).isEqualTo("/callback");

        HttpResponse<String> page = visit(redirect + "?code=abc%2Fdef&state=s-123");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Gmail is connected").contains("close this tab");
        AuthorizationCode code = receiver.await(WAIT);
        assertThat(code.code()).isEqualTo("abc/def");
        assertThat(code.redirectUri()).isEqualTo(redirect);
        assertThat(code.toString()).doesNotContain("abc");
    }

    @Test
    void aRedirectWithAnotherStateIsRejectedAndTheRealOneStillCounts() throws Exception {
        LoopbackReceiver receiver = LoopbackReceiver.start(0, "/callback", "expected", "Signed in");
        CompletableFuture<AuthorizationCode> waiting = CompletableFuture.supplyAsync(() -> receiver.await(WAIT));

        HttpResponse<String> forged = visit(receiver.redirectUri() + "?code=evil&state=forged");
        HttpResponse<String> noState = visit(receiver.redirectUri() + "?code=evil");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(noState.statusCode()).isEqualTo(400);
        assertThat(waiting).isNotDone();

        visit(receiver.redirectUri() + "?code=good&state=expected");
        assertThat(waiting.get().code()).isEqualTo("good");
    }

    @Test
    void otherPathsAndMethodsAreNotFound() throws Exception {
        LoopbackReceiver receiver = LoopbackReceiver.start(0, "/callback", "s", "ok");
        try {
            URI base = receiver.redirectUri().resolve("/favicon.ico");
            assertThat(visit(base.toString()).statusCode()).isEqualTo(404);
            HttpResponse<String> post = browser.send(HttpRequest.newBuilder(receiver.redirectUri())
                    .POST(HttpRequest.BodyPublishers.ofString("code=x&state=s")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(404);
        } finally {
            receiver.close();
        }
    }

    @Test
    void aRefusalInTheBrowserEndsTheFlowAsDenied() throws Exception {
        LoopbackReceiver receiver = LoopbackReceiver.start(0, "/callback", "s", "ok");
        visit(receiver.redirectUri() + "?error=access_denied&state=s");

        assertThatThrownBy(() -> receiver.await(WAIT))
                .isInstanceOfSatisfying(OAuthFlowException.class,
                        e -> assertThat(e.reason()).isEqualTo(OAuthFlowException.Reason.DENIED))
                .hasMessageContaining("Permission was not given");
    }

    @Test
    void noAnswerTimesOutWithAReadableMessageAndFreesThePort() {
        LoopbackReceiver receiver = LoopbackReceiver.start(0, "/callback", "s", "ok");
        URI redirect = receiver.redirectUri();

        assertThatThrownBy(() -> receiver.await(Duration.ofMillis(200)))
                .isInstanceOfSatisfying(OAuthFlowException.class,
                        e -> assertThat(e.reason()).isEqualTo(OAuthFlowException.Reason.TIMEOUT))
                .hasMessageContaining("No answer from the browser");
        assertThatThrownBy(() -> visit(redirect + "?code=late&state=s")).isInstanceOf(ConnectException.class);
    }

    @Test
    void cancelEndsAPendingWait() {
        LoopbackReceiver receiver = LoopbackReceiver.start(0, "/callback", "s", "ok");
        receiver.cancel();

        assertThatThrownBy(() -> receiver.await(WAIT)).isInstanceOfSatisfying(OAuthFlowException.class,
                e -> assertThat(e.reason()).isEqualTo(OAuthFlowException.Reason.CANCELLED));
    }

    @Test
    void aBusyFixedPortIsAClearError() {
        try (LoopbackReceiver first = LoopbackReceiver.start(0, "/callback", "s", "ok")) {
            int port = first.redirectUri().getPort();
            assertThatThrownBy(() -> LoopbackReceiver.start(port, "/callback", "s", "ok"))
                    .isInstanceOf(OAuthFlowException.class).hasMessageContaining("Port " + port);
        }
    }

    @Test
    void pkceChallengeIsTheS256OfTheVerifier() {
        Pkce pkce = Pkce.create();
        // RFC 7636 appendix B's example pair.
        assertThat(Pkce.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(pkce.challenge()).isEqualTo(Pkce.s256(pkce.verifier()));
        assertThat(pkce.verifier()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(Pkce.create().state()).isNotEqualTo(pkce.state());
    }

    private HttpResponse<String> visit(String uri) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
