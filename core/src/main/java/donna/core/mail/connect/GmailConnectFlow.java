package donna.core.mail.connect;

import donna.core.api.BackendClient;
import donna.core.mail.GmailStatus;
import donna.core.oauth.AuthorizationCode;
import donna.core.oauth.Browser;
import donna.core.oauth.LoopbackReceiver;
import donna.core.oauth.Pkce;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Connects the user's Gmail, desktop style (RFC 8252): a loopback redirect on 127.0.0.1 (any free port), PKCE S256
 * and a random {@code state}. The service builds the consent URL (it knows the client id and scopes) and exchanges
 * the code (it keeps the tokens); the app only carries the browser round trip. Shared by the Mail pane and
 * {@code ./donna mail connect}.
 */
public final class GmailConnectFlow {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    static final String CALLBACK_PATH = "/gmail/callback";

    private final BackendClient client;

    public GmailConnectFlow(BackendClient client) {
        this.client = client;
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
            onWaiting.accept(receiver);
            browser.open(consent);
            AuthorizationCode code = receiver.await(timeout);
            return client.gmailOAuthCallback(code.code(), pkce.verifier(), code.redirectUri().toString());
        }
    }
}
