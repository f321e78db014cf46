package donna.core.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import donna.core.oauth.AuthorizationCode;
import donna.core.oauth.Browser;
import donna.core.oauth.LoopbackReceiver;
import donna.core.oauth.OAuthFlowException;
import donna.core.oauth.Pkce;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a person in to Clerk as an OpenID Connect provider, the way RFC 8252 asks of a desktop app: Authorization
 * Code with PKCE (S256) through the system browser, the redirect caught on 127.0.0.1, {@code state} checked, a time
 * limit. The OAuth protocol work (discovery, request URL, token exchange, error parsing) is Nimbus' OAuth SDK.
 * Blocking: call it off the UI thread.
 */
public final class ClerkSignIn {
    private static final Logger log = LoggerFactory.getLogger(ClerkSignIn.class);
    private static final int HTTP_TIMEOUT_MS = 10_000;
    /** Used when the provider does not say how long its access token lives. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final SignInConfig config;
    private final Clock clock;
    private volatile OIDCProviderMetadata metadata;

    public ClerkSignIn(SignInConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * The whole browser round trip.
     *
     * @param browser   opens the consent page
     * @param timeout   how long the person has to finish in the browser
     * @param onWaiting gets the receiver while the browser is open, so a Cancel button can end the wait
     */
    public OAuthTokens signIn(Browser browser, Duration timeout, Consumer<LoopbackReceiver> onWaiting) {
        OIDCProviderMetadata provider = provider();
        Pkce pkce = Pkce.create();
        URI redirect = config.redirectUri();
        try (LoopbackReceiver receiver = LoopbackReceiver.start(redirect.getPort(), redirect.getPath(), pkce.state(),
                "You are signed in to DONNA")) {
            URI consent = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                    new ClientID(config.clientId()))
                    .endpointURI(provider.getAuthorizationEndpointURI())
                    .redirectionURI(receiver.redirectUri())
                    .scope(new Scope(config.scopes().toArray(String[]::new)))
                    .state(new State(pkce.state()))
                    .codeChallenge(new CodeVerifier(pkce.verifier()), CodeChallengeMethod.S256)
                    .build().toURI();
            onWaiting.accept(receiver);
            browser.open(consent);
            AuthorizationCode code = receiver.await(timeout);
            return exchange(new AuthorizationCodeGrant(new com.nimbusds.oauth2.sdk.AuthorizationCode(code.code()),
                    code.redirectUri(), new CodeVerifier(pkce.verifier())));
        }
    }

    /** New tokens from the refresh token; {@link SignInExpiredException} when the provider no longer honours it. */
    public OAuthTokens refresh(OAuthTokens current) {
        String refreshToken = current.refreshToken()
                .orElseThrow(() -> new SignInExpiredException("The sign-in has expired; sign in again"));
        OAuthTokens fresh = exchange(new RefreshTokenGrant(new RefreshToken(refreshToken)));
        // Clerk may or may not rotate the refresh token: keep the old one when it sends none.
        return fresh.refreshToken().isPresent() ? fresh
                : new OAuthTokens(fresh.accessToken(), current.refreshToken(), fresh.expiresAt());
    }

    /**
     * "Ada Lovelace (ada@example.com)" from the provider's userinfo endpoint, for showing who is signed in (Clerk's
     * access tokens carry only the user id). Empty when the provider will not say.
     */
    public Optional<String> displayName(String accessToken) {
        try {
            URI endpoint = provider().getUserInfoEndpointURI();
            if (endpoint == null) {
                return Optional.empty();
            }
            UserInfoResponse response = UserInfoResponse.parse(
                    send(new UserInfoRequest(endpoint, new BearerAccessToken(accessToken)).toHTTPRequest()));
            if (!response.indicatesSuccess()) {
                return Optional.empty();
            }
            UserInfo info = response.toSuccessResponse().getUserInfo();
            String email = info.getEmailAddress();
            String name = info.getName();
            if (name != null && email != null) {
                return Optional.of(name + " (" + email + ")");
            }
            return Optional.ofNullable(email != null ? email : name);
        } catch (ParseException | RuntimeException e) {
            log.debug("No userinfo: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private OAuthTokens exchange(AuthorizationGrant grant) {
        TokenRequest request = new TokenRequest(provider().getTokenEndpointURI(), new ClientID(config.clientId()), grant);
        TokenResponse response;
        try {
            response = TokenResponse.parse(send(request.toHTTPRequest()));
        } catch (ParseException e) {
            throw new OAuthFlowException(OAuthFlowException.Reason.FAILED,
                    "The sign-in service answered something DONNA does not understand", e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            log.warn("Token request refused: {} {}", error.getHTTPStatusCode(), error.getCode());
            if (OAuth2Error.INVALID_GRANT.getCode().equals(error.getCode())) {
                throw new SignInExpiredException("The sign-in has expired or was revoked; sign in again");
            }
            throw new OAuthFlowException(OAuthFlowException.Reason.FAILED,
                    "The sign-in service refused: " + Optional.ofNullable(error.getDescription()).orElse(error.getCode()),
                    null);
        }
        Tokens tokens = response.toSuccessResponse().getTokens();
        long lifetime = tokens.getAccessToken().getLifetime();
        Duration ttl = lifetime > 0 ? Duration.ofSeconds(lifetime) : DEFAULT_LIFETIME;
        return new OAuthTokens(tokens.getAccessToken().getValue(),
                Optional.ofNullable(tokens.getRefreshToken()).map(RefreshToken::getValue), clock.instant().plus(ttl));
    }

    private OIDCProviderMetadata provider() {
        OIDCProviderMetadata known = metadata;
        if (known == null) {
            try {
                // resolve() also checks that the document names the same issuer it was fetched for.
                known = OIDCProviderMetadata.resolve(new Issuer(config.issuer()), HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS);
            } catch (GeneralException | IOException e) {
                throw new OAuthFlowException(OAuthFlowException.Reason.FAILED,
                        "Could not reach the sign-in service at " + config.issuer() + ": " + e.getMessage(), e);
            }
            metadata = known;
        }
        return known;
    }

    private static com.nimbusds.oauth2.sdk.http.HTTPResponse send(HTTPRequest request) {
        request.setConnectTimeout(HTTP_TIMEOUT_MS);
        request.setReadTimeout(HTTP_TIMEOUT_MS);
        try {
            return request.send();
        } catch (IOException e) {
            throw new OAuthFlowException(OAuthFlowException.Reason.FAILED,
                    "Could not reach the sign-in service: " + e.getMessage(), e);
        }
    }
}
