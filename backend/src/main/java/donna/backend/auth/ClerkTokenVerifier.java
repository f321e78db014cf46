package donna.backend.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import donna.backend.config.BackendConfig;
import donna.backend.http.ApiException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the two kinds of Clerk token the service accepts, each fully: session tokens (from web clients) and OAuth
 * access tokens (from the desktop app signed in through Clerk's OAuth). Both are RS256 only, signed by a key from
 * Clerk's JWKS (cached; refetched when an unknown kid shows up), with {@code iss} = CLERK_ISSUER and {@code exp} /
 * {@code nbf} checked with at most 5 s of clock skew. They are told apart by the header {@code typ}: a check of the
 * signature alone would accept any token the instance key signed (id tokens, M2M tokens).
 */
public final class ClerkTokenVerifier {
    private static final Logger log = LoggerFactory.getLogger(ClerkTokenVerifier.class);
    private static final int MAX_CLOCK_SKEW_SECONDS = 5;
    private static final Set<JOSEObjectType> ACCESS_TOKEN_TYPES =
            Set.of(new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));

    private final BackendConfig.Clerk config;
    private final DefaultJWTProcessor<SecurityContext> sessionTokens;
    private final DefaultJWTProcessor<SecurityContext> accessTokens;

    public ClerkTokenVerifier(BackendConfig.Clerk config) {
        this.config = config;
        JWKSource<SecurityContext> keys = keySource(config);
        JWSVerificationKeySelector<SecurityContext> rs256Only = new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                keys);

        sessionTokens = new DefaultJWTProcessor<>();
        sessionTokens.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        sessionTokens.setJWSKeySelector(rs256Only);
        sessionTokens.setJWTClaimsSetVerifier(claims(Set.of("sub", "exp", "sid"), Set.of("client_id")));

        accessTokens = new DefaultJWTProcessor<>();
        accessTokens.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(ACCESS_TOKEN_TYPES));
        accessTokens.setJWSKeySelector(rs256Only);
        accessTokens.setJWTClaimsSetVerifier(claims(Set.of("sub", "exp", "client_id", "scope"), Set.of()));
    }

    private DefaultJWTClaimsVerifier<SecurityContext> claims(Set<String> required, Set<String> prohibited) {
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().issuer(config.issuer()).build(), required, prohibited);
        verifier.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        return verifier;
    }

    private static JWKSource<SecurityContext> keySource(BackendConfig.Clerk config) {
        try {
            var retriever = new DefaultResourceRetriever(3_000, 3_000, 256 * 1024);
            return JWKSourceBuilder.create(config.jwksUrl().toURL(), retriever)
                    .cache(Duration.ofMinutes(10).toMillis(), Duration.ofSeconds(5).toMillis())
                    .rateLimited(Duration.ofSeconds(10).toMillis())
                    .refreshAheadCache(false)
                    .retrying(false)
                    .outageTolerant(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("CLERK_JWKS_URL is not a URL", e);
        }
    }

    /** @throws ApiException 401 for any token that fails a check, {@link AuthUnavailableException} without keys */
    public VerifiedToken verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw invalid("not a signed JWT");
        }
        boolean accessToken = jwt.getHeader().getType() != null
                && ACCESS_TOKEN_TYPES.contains(jwt.getHeader().getType());
        try {
            JWTClaimsSet claims = (accessToken ? accessTokens : sessionTokens).process(jwt, null);
            if (accessToken) {
                checkClient(claims);
            } else {
                checkAuthorizedParty(claims);
            }
            return new VerifiedToken(claims.getSubject(), stringClaim(claims, "email").orElse(null),
                    accessToken ? VerifiedToken.Kind.OAUTH_ACCESS : VerifiedToken.Kind.SESSION);
        } catch (RateLimitReachedException e) {
            // An unknown kid was seen again before the JWKS may be refetched: the key is not Clerk's.
            throw invalid("unknown signing key");
        } catch (com.nimbusds.jose.KeySourceException e) {
            log.warn("Clerk JWKS unreachable: {}", e.getMessage());
            throw new AuthUnavailableException();
        } catch (BadJOSEException | JOSEException e) {
            throw invalid(e.getMessage());
        }
    }

    /**
     * A session token is a browser's: it must name the origin it was issued to ({@code azp}), and that origin must be
     * an authorized party (CLERK_AUTHORIZED_PARTIES, by default ALLOWED_ORIGINS). With none configured no session
     * token is accepted; the desktop app signs in with OAuth access tokens, checked by their {@code client_id}.
     */
    private void checkAuthorizedParty(JWTClaimsSet claims) {
        List<String> parties = config.authorizedParties();
        Optional<String> azp = stringClaim(claims, "azp");
        if (azp.isEmpty() || !parties.contains(azp.get())) {
            throw invalid(azp.isEmpty() ? "session token without azp" : "azp not authorized");
        }
    }

    private void checkClient(JWTClaimsSet claims) {
        Optional<String> clientId = stringClaim(claims, "client_id");
        if (config.oauthClientId().isEmpty() || !config.oauthClientId().equals(clientId)) {
            throw invalid("OAuth client not accepted");
        }
        if (stringClaim(claims, "scope").map(String::isBlank).orElse(true)) {
            throw invalid("no scope");
        }
    }

    private static Optional<String> stringClaim(JWTClaimsSet claims, String name) {
        try {
            return Optional.ofNullable(claims.getStringClaim(name));
        } catch (ParseException e) {
            throw invalid(name + " is not a string");
        }
    }

    /** The reason goes to the debug log only: telling a caller which check failed helps an attacker. */
    private static ApiException invalid(String reason) {
        log.debug("Rejected bearer token: {}", reason);
        return ApiException.unauthorized("Invalid or expired token");
    }
}
