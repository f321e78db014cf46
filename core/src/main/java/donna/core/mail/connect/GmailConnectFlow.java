package donna.core.mail.connect;

import donna.core.api.BackendClient;
import donna.core.mail.GmailStatus;
import donna.core.oauth.AuthorizationCode;
import donna.core.oauth.Browser;
import donna.core.oauth.LoopbackReceiver;
import donna.core.oauth.OAuthFlowException;
import donna.core.oauth.Pkce;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Connects the user's Gmail, desktop style (RFC 8252): a loopback redirect on 127.0.0.1 (any free port), PKCE S256
 * and a random {@code state}. The service builds the consent URL (it knows the client id and scopes) and exchanges
 * the code (it keeps the tokens); the app only carries the browser round trip. Shared by the Mail pane and
 * {@code ./donna mail connect}. The consent URL the service returns is opened only when it is Google's: https to
 * the configured Google host and port ({@code GOOGLE_AUTH_URL}, by default accounts.google.com); a service that is
 * not what it seems cannot send the person's browser elsewhere. Only a loopback Google (the stand-in fake, for
 * tests and demos) may be plain http.
 */
public final class GmailConnectFlow {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    static final String CALLBACK_PATH = "/gmail/callback";

    /** Google's consent page when nothing else is configured. */
    public static final URI GOOGLE_AUTH_URL = URI.create("https://accounts.google.com/o/oauth2/v2/auth");

    private final BackendClient client;
    private final URI googleAuthUrl;

    public GmailConnectFlow(BackendClient client) {
        this(client, GOOGLE_AUTH_URL);
    }

    /** @param googleAuthUrl the configured Google consent page: the consent URL must be on its host */
    public GmailConnectFlow(BackendClient client, URI googleAuthUrl) {
        this.client = client;
        this.googleAuthUrl = googleAuthUrl;
    }

    /** Whether {@code consent} is a page of the configured Google: same host and port, https (http only on loopback). */
    public static boolean isGoogles(URI consent, URI googleAuthUrl) {
        if (consent == null || consent.getScheme() == null || consent.getHost() == null
                || consent.getRawUserInfo() != null) {
            return false;
        }
        String scheme = consent.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean loopbackFake = "http".equalsIgnoreCase(googleAuthUrl.getScheme()) && loopback(googleAuthUrl.getHost());
        boolean schemeOk = scheme.equals("https") || (loopbackFake && scheme.equals("http"));
        return schemeOk && scheme.equalsIgnoreCase(googleAuthUrl.getScheme())
                && consent.getHost().equalsIgnoreCase(googleAuthUrl.getHost())
                && port(consent) == port(googleAuthUrl);
    }

    private static boolean loopback(String host) {
        return host != null && (host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1")
                || host.equalsIgnoreCase("localhost"));
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * The whole round trip; blocking.
     *
     * @param browser   opens (or prints) the consent page
     * @param timeout   how long the person has to finish in the browser
     * @param onWaiting gets the receiver while the browser is open, so a Cancel button can end the wait
     * @throws donna.core.oauth.OAuthFlowException timed out, refused in the browser, or cancelled
     * @throws donna.core.api.ServiceException     the service could not start or finish the connection
     *                                             ({@code oauth_exchange_failed} when Google refused the code)
     */
    public GmailStatus connect(Browser browser, Duration timeout, Consumer<LoopbackReceiver> onWaiting) {
        Pkce pkce = Pkce.create();
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, CALLBACK_PATH, pkce.state(),
                "Gmail is connected to DONNA")) {
            URI consent = client.gmailOAuthStart(receiver.redirectUri().toString(), pkce.challenge(), pkce.state());
            if (!isGoogles(consent, googleAuthUrl)) {
                throw new OAuthFlowException(OAuthFlowException.Reason.FAILED, "The service sent a consent page that "
                        + "is not Google's (" + consent.getScheme() + "://" + consent.getHost() + "), so it was not "
                        + "opened. Check the service address, or GOOGLE_AUTH_URL if you use another Google.", null);
            }
            onWaiting.accept(receiver);
            browser.open(consent);
            AuthorizationCode code = receiver.await(timeout);
            return client.gmailOAuthCallback(code.code(), pkce.verifier(), code.redirectUri().toString());
        }
    }
}
