package donna.testkit.clerk;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import donna.standins.support.Exchanges;
import donna.standins.support.Loopback;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Clerk instance on 127.0.0.1: RSA signing keys published at {@code /.well-known/jwks.json}, token minting with
 * any claims (and deliberately bad tokens), and the OIDC endpoints of Clerk as an OAuth provider for the desktop
 * sign-in flow. The issuer is the fake's base URL, as Clerk's Frontend API URL is.
 *
 * <pre>{@code
 * try (FakeClerk clerk = FakeClerk.start()) {
 *     String session = clerk.token().subject("user_1").azp("http://localhost:3000").sign();
 *     String access = clerk.accessToken().subject("user_1").sign();   // typ at+jwt, client_id, scope
 *     String forged = clerk.token().signHs256WithPublicKey();
 *     clerk.jwksMode(JwksMode.ERROR_500);
 * }
 * }</pre>
 */
public final class FakeClerk implements AutoCloseable {
    /** The OAuth client id the fake knows by default (the desktop app's public client). */
    public static final String DEFAULT_OAUTH_CLIENT_ID = "donna_desktop_test";
    public static final String DEFAULT_SCOPE = "openid profile email offline_access";

    private static final Logger LOG = LoggerFactory.getLogger(FakeClerk.class);

    private final Loopback.Server server;
    private final SigningKeys keys = new SigningKeys();
    private final OidcProvider oidc = new OidcProvider(this);
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final Object modeLock = new Object();
    private volatile JwksMode jwksMode = JwksMode.SERVE;
    private volatile boolean closed;
    private volatile String oauthClientId = DEFAULT_OAUTH_CLIENT_ID;
    private volatile ClerkUser signedInUser = ClerkUser.DEFAULT;

    private FakeClerk(int port) {
        server = Loopback.start(port);
        server.http().createContext("/.well-known/jwks.json", this::jwks);
        server.http().createContext("/.well-known/openid-configuration", guard(oidc::discovery));
        server.http().createContext("/oauth/authorize", guard(oidc::authorize));
        server.http().createContext("/oauth/token", guard(oidc::token));
        server.http().createContext("/oauth/userinfo", guard(oidc::userinfo));
        server.begin();
    }

    /** A running fake on a free loopback port. */
    public static FakeClerk start() {
        return new FakeClerk(0);
    }

    /** The Frontend API URL: the {@code iss} of every token, e.g. {@code http://127.0.0.1:41234}. */
    public String issuer() {
        return server.baseUrl();
    }

    public URI jwksUrl() {
        return URI.create(issuer() + "/.well-known/jwks.json");
    }

    public URI discoveryUrl() {
        return URI.create(issuer() + "/.well-known/openid-configuration");
    }

    /** The kid of the key that signs now. */
    public String keyId() {
        return keys.current().getKeyID();
    }

    /** The public half of the signing key. */
    public RSAKey publicKey() {
        return keys.current().toPublicJWK();
    }

    /** A new signing key; the JWKS publishes it first and, if {@code keepOld}, the previous ones after it. */
    public String rotateKey(boolean keepOld) {
        return keys.rotate(keepOld).getKeyID();
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    public void jwksMode(JwksMode mode) {
        synchronized (modeLock) {
            jwksMode = mode;
            modeLock.notifyAll();
        }
    }

    /**
     * A session token as a browser would send: {@code iss}, {@code sub} user_1, {@code sid}, {@code iat}/{@code nbf}
     * now, {@code exp} in 60 s, no {@code azp} (add one with {@link TokenBuilder#azp}).
     */
    public TokenBuilder token() {
        Instant now = Instant.now();
        return new TokenBuilder(keys, Map.of("iss", issuer(), "sub", signedInUser.id(),
                "sid", "sess_" + SigningKeys.shortId(), "iat", now, "nbf", now, "exp", now.plusSeconds(60)), null);
    }

    /**
     * An OAuth access token as Clerk issues them to OAuth apps: header {@code typ: at+jwt}, {@code client_id},
     * {@code scope}, {@code jti}, no {@code aud}, one day of life.
     */
    public TokenBuilder accessToken() {
        Instant now = Instant.now();
        return new TokenBuilder(keys, Map.of("iss", issuer(), "sub", signedInUser.id(), "client_id", oauthClientId,
                "scope", DEFAULT_SCOPE, "jti", "oat_" + SigningKeys.shortId(), "iat", now, "nbf", now,
                "exp", now.plus(Duration.ofDays(1))), "at+jwt");
    }

    /** Not a JWT at all. */
    public static String garbageToken() {
        return "not-a-jwt.%%%.garbage";
    }

    // ---- OAuth / OIDC provider ----

    public String oauthClientId() {
        return oauthClientId;
    }

    public FakeClerk oauthClientId(String clientId) {
        this.oauthClientId = clientId;
        return this;
    }

    /** Only these redirect URIs are accepted from now on (by default any http loopback URI is). */
    public FakeClerk registerRedirectUri(String uri) {
        oidc.registerRedirectUri(uri);
        return this;
    }

    /** The user that {@code /oauth/authorize} signs in (already signed in to Clerk in the browser). */
    public FakeClerk signedInAs(ClerkUser user) {
        this.signedInUser = user;
        return this;
    }

    public ClerkUser signedInUser() {
        return signedInUser;
    }

    /** The next authorize request redirects back with {@code error=access_denied} (the user said no). */
    public FakeClerk denyNextAuthorize() {
        oidc.denyNextAuthorize();
        return this;
    }

    /** Life of access tokens issued by {@code /oauth/token}. */
    public FakeClerk accessTokenTtl(Duration ttl) {
        oidc.accessTokenTtl = ttl;
        return this;
    }

    /** Every refresh token issued so far stops working ({@code invalid_grant}). */
    public FakeClerk revokeRefreshTokens() {
        oidc.revokeRefreshTokens();
        return this;
    }

    public int tokenRequests() {
        return oidc.tokenRequests();
    }

    SigningKeys keys() {
        return keys;
    }

    @Override
    public void close() {
        synchronized (modeLock) {
            closed = true;
            modeLock.notifyAll(); // releases hanging JWKS requests
        }
        server.close();
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        switch (awaitServableMode()) {
            case SERVE -> {
                exchange.getResponseHeaders().set("Cache-Control", "public, max-age=3600");
                Exchanges.sendJson(exchange, 200, keys.jwks());
            }
            case ERROR_500 -> Exchanges.sendEmpty(exchange, 500);
            // The JDK server closes the connection when a handler throws: the client sees the stream end unanswered.
            default -> throw new IOException("fake JWKS outage: dropping the connection");
        }
    }

    private JwksMode awaitServableMode() throws IOException {
        synchronized (modeLock) {
            while (jwksMode == JwksMode.HANG && !closed) {
                try {
                    modeLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while hanging", e);
                }
            }
            return closed ? JwksMode.DROP_CONNECTION : jwksMode;
        }
    }

    /** Handlers answer 500 rather than drop the connection on a bug in the fake, so tests see a clear status. */
    private static HttpHandler guard(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                LOG.warn("fake Clerk failed on {}", exchange.getRequestURI().getPath(), e);
                Exchanges.sendJson(exchange, 500, Map.of("error", "server_error", "error_description",
                        String.valueOf(e.getMessage())));
            } finally {
                exchange.close();
            }
        };
    }
}
