package donna.backend.gmail;

import com.google.api.client.auth.oauth2.AuthorizationCodeRequestUrl;
import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.services.gmail.model.Profile;
import donna.backend.config.BackendConfig;
import donna.backend.http.ApiException;
import donna.backend.users.User;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a user's Gmail, desktop style (OAuth 2.0 for installed apps: Authorization Code + PKCE S256, loopback
 * redirect served by the app): builds Google's consent URL, exchanges the code the app received for tokens at
 * GOOGLE_TOKEN_URL, reads the address from Gmail's profile and keeps the refresh token encrypted.
 */
public final class GmailConnector {
    /** What DONNA uses: reading and sending. Nothing changes labels, so gmail.modify is not asked for. */
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/gmail.readonly",
            "https://www.googleapis.com/auth/gmail.send");
    private static final Logger log = LoggerFactory.getLogger(GmailConnector.class);
    /** RFC 7636: 43-128 unreserved characters, for the verifier and (base64url of SHA-256) the challenge. */
    private static final Pattern PKCE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern STATE = Pattern.compile("[\\x21-\\x7e]{8,512}");

    private final GmailAccess access;

    public GmailConnector(GmailAccess access) {
        this.access = access;
    }

    /** Google's consent URL for this app's loopback redirect. */
    public URI consentUrl(String redirectUri, String codeChallenge, String state) {
        access.requireConfigured();
        BackendConfig.Google google = access.config();
        String redirect = loopbackRedirect(redirectUri);
        require(codeChallenge != null && PKCE.matcher(codeChallenge).matches(),
                "code_challenge must be the base64url S256 challenge (43-128 characters)");
        require(state != null && STATE.matcher(state).matches(), "state must be 8-512 printable characters");
        return URI.create(new AuthorizationCodeRequestUrl(google.authUrl().toString(), google.clientId().orElseThrow())
                .setRedirectUri(redirect).setScopes(SCOPES).setState(state)
                .set("code_challenge", codeChallenge).set("code_challenge_method", "S256")
                // A refresh token, every time: without prompt=consent Google sends one only on the first grant.
                .set("access_type", "offline").set("prompt", "consent")
                .build());
    }

    /** Exchanges the code, keeps the grant; returns the linked address. */
    public String connect(User user, String code, String codeVerifier, String redirectUri) {
        access.requireConfigured();
        BackendConfig.Google google = access.config();
        String redirect = loopbackRedirect(redirectUri);
        require(code != null && !code.isBlank() && code.length() <= 2048, "code is required");
        require(codeVerifier != null && PKCE.matcher(codeVerifier).matches(),
                "code_verifier must be 43-128 characters of [A-Za-z0-9._~-]");
        TokenResponse tokens;
        try {
            tokens = new AuthorizationCodeTokenRequest(access.http().transport(), access.http().json(),
                    new GenericUrl(google.tokenUrl().toString()), code.strip())
                    .setRedirectUri(redirect)
                    .setClientAuthentication(new ClientParametersAuthentication(google.clientId().orElseThrow(),
                            google.clientSecret().orElseThrow()))
                    .set("code_verifier", codeVerifier)
                    .execute();
        } catch (TokenResponseException e) {
            String error = e.getDetails() == null ? "HTTP " + e.getStatusCode() : e.getDetails().getError();
            log.info("Google refused an authorization code for user {}: {}", user.id(), error);
            throw ApiException.badRequest("oauth_exchange_failed",
                    "Google did not accept the authorization (" + error + "); connect again");
        } catch (IOException e) {
            log.warn("Google's token endpoint could not be reached: {}", e.toString());
            throw new ApiException(503, "upstream_unavailable", "Google could not be reached; try again shortly");
        }
        if (tokens.getRefreshToken() == null) {
            throw ApiException.badRequest("oauth_exchange_failed",
                    "Google sent no refresh token; connect again and allow offline access");
        }
        // The profile call needs a working link, so the grant is stored first and the access token cached.
        access.links().save(user.id(), null, tokens.getRefreshToken(), tokens.getScope(), tokens.getTokenType());
        access.remember(user.id(), tokens);
        GmailSession session = access.open(user);
        Profile profile = access.call(session, GmailQuota.PROFILE, Duration.ofSeconds(10),
                gmail -> gmail.users().getProfile("me").execute());
        access.links().save(user.id(), profile.getEmailAddress(), tokens.getRefreshToken(), tokens.getScope(),
                tokens.getTokenType());
        log.info("Gmail connected for user {}", user.id());
        return profile.getEmailAddress();
    }

    /**
     * Disconnects: forgets the grant here and revokes it at Google (GOOGLE_REVOKE_URL), so the refresh token is
     * worthless wherever a copy may be. The local link goes in any case; returns whether Google confirmed the
     * revocation (or already had no such grant).
     */
    public boolean disconnect(User user) {
        java.util.Optional<GmailLinks.Link> link = access.links().find(user.id());
        access.links().delete(user.id());
        access.forget(user.id());
        if (link.isEmpty() || link.get().refreshToken() == null) {
            return true;
        }
        try {
            com.google.api.client.http.HttpResponse answer = access.http().transport().createRequestFactory()
                    .buildPostRequest(new GenericUrl(access.config().revokeUrl().toString()),
                            new com.google.api.client.http.UrlEncodedContent(
                                    java.util.Map.of("token", link.get().refreshToken())))
                    .setThrowExceptionOnExecuteError(false)
                    .setConnectTimeout(5_000).setReadTimeout(10_000)
                    .execute();
            int status = answer.getStatusCode();
            answer.disconnect();
            // 400 invalid_token: Google holds no such grant any more (revoked by the person, or expired).
            boolean revoked = status == 200 || status == 400;
            if (!revoked) {
                log.warn("Google did not revoke the Gmail grant of user {}: HTTP {}", user.id(), status);
            }
            log.info("Gmail disconnected for user {}; grant revoked at Google: {}", user.id(), revoked);
            return revoked;
        } catch (IOException e) {
            log.warn("Google could not be reached to revoke the Gmail grant of user {}: {}", user.id(), e.toString());
            return false;
        }
    }

    /** The loopback redirect of a desktop app: http, 127.0.0.1 or localhost, an explicit port. */
    static String loopbackRedirect(String value) {
        try {
            URI uri = value == null ? null : new URI(value);
            if (uri != null && "http".equals(uri.getScheme()) && uri.getPort() > 0 && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null
                    && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()))) {
                return value;
            }
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_input",
                "redirect_uri must be http://127.0.0.1:<port>/... or http://localhost:<port>/...");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw ApiException.badRequest("invalid_input", message);
        }
    }
}
