package donna.backend.gmail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.CredentialRefreshListener;
import com.google.api.client.auth.oauth2.TokenErrorResponse;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.services.gmail.Gmail;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import donna.backend.config.BackendConfig;
import donna.backend.http.ApiException;
import donna.backend.http.RateLimitedException;
import donna.backend.users.User;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens Gmail for a user and runs calls on it: checks the link, authorises with the refresh token (access tokens
 * cached per instance until they expire), spends the user's quota, retries Gmail's rate-limit answers honouring
 * their Retry-After (bounded), and turns Google's failures into the service's errors. {@code invalid_grant},
 * wherever it appears, marks the link as needing reconnect and answers 409; no further call is made for that user
 * until they connect again, so a revoked grant can never loop.
 */
public final class GmailAccess {
    private static final Logger log = LoggerFactory.getLogger(GmailAccess.class);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration MAX_RETRYING = Duration.ofSeconds(60);

    private final BackendConfig.Google config;
    private final GmailLinks links;
    private final GmailQuota quota;
    private final GoogleHttp http;
    private final FailsafeExecutor<Object> retries;
    private final Cache<UUID, AccessToken> accessTokens = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(55)).build();

    private record AccessToken(String value, Long expiresAtMillis) {}

    public GmailAccess(BackendConfig.Google config, GmailLinks links, GmailQuota quota, GoogleHttp http) {
        this.config = config;
        this.links = links;
        this.quota = quota;
        this.http = http;
        this.retries = Failsafe.with(RetryPolicy.builder()
                .handle(GmailRateLimited.class)
                .withMaxAttempts(4)
                .withMaxDuration(MAX_RETRYING)
                .withDelayFnOn(ctx -> {
                    Duration after = ((GmailRateLimited) ctx.getLastException()).retryAfter();
                    return after == null ? Duration.ofNanos(-1) : min(after, MAX_RETRY_AFTER);
                }, GmailRateLimited.class)
                .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
                .withJitter(0.2)
                .onRetry(e -> log.info("Gmail rate limited the call (attempt {}), retrying", e.getAttemptCount()))
                .build());
    }

    public BackendConfig.Google config() {
        return config;
    }

    GmailLinks links() {
        return links;
    }

    GoogleHttp http() {
        return http;
    }

    public void requireConfigured() {
        if (!config.configured()) {
            throw new ApiException(503, "gmail_not_configured",
                    "Gmail is not set up on this service (GOOGLE_CLIENT_ID is missing)");
        }
    }

    /** Gmail for this user. @throws ApiException 409 when not connected or the grant needs renewing */
    public GmailSession open(User user) {
        requireConfigured();
        GmailLinks.Link link = links.find(user.id()).orElseThrow(() -> new ApiException(409, "gmail_not_connected",
                "Gmail is not connected; connect it first"));
        if (!link.usable()) {
            throw needsReconnect();
        }
        AtomicBoolean invalidGrant = new AtomicBoolean();
        Credential credential = new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
                .setTransport(http.transport()).setJsonFactory(http.json())
                .setTokenServerUrl(new GenericUrl(config.tokenUrl().toString()))
                .setClientAuthentication(new ClientParametersAuthentication(config.clientId().orElseThrow(),
                        config.clientSecret().orElseThrow()))
                .addRefreshListener(new CredentialRefreshListener() {
                    @Override
                    public void onTokenResponse(Credential c, TokenResponse response) {
                        remember(user.id(), response);
                    }

                    @Override
                    public void onTokenErrorResponse(Credential c, TokenErrorResponse error) {
                        if (error != null && "invalid_grant".equals(error.getError())) {
                            invalidGrant.set(true);
                        }
                    }
                })
                .build();
        credential.setRefreshToken(link.refreshToken());
        AccessToken cached = accessTokens.getIfPresent(user.id());
        if (cached != null) {
            credential.setAccessToken(cached.value()).setExpirationTimeMilliseconds(cached.expiresAtMillis());
        }
        Gmail gmail = new Gmail.Builder(http.transport(), http.json(), http.withTimeouts(credential))
                .setRootUrl(config.gmailRootUrl() + "/")
                // Gmail's documented batch endpoint (the generated client's default is the old global one).
                .setBatchPath("batch/gmail/v1")
                .setApplicationName("DONNA")
                .build();
        return new GmailSession(user.id(), link.email(), gmail, invalidGrant);
    }

    /** Keeps a fresh access token for this instance's later calls (a cache: any instance can refresh its own). */
    void remember(UUID userId, TokenResponse response) {
        Long expiresIn = response.getExpiresInSeconds();
        accessTokens.put(userId, new AccessToken(response.getAccessToken(),
                expiresIn == null ? null : System.currentTimeMillis() + expiresIn * 1000));
    }

    void forget(UUID userId) {
        accessTokens.invalidate(userId);
    }

    /** A Gmail call (an {@code execute()} of the generated client). */
    @FunctionalInterface
    public interface Call<T> {
        T run(Gmail gmail) throws IOException;
    }

    /**
     * Runs a call costing {@code units} of quota: waits up to {@code maxWait} for the units, retries Gmail's rate
     * limits (each attempt spends its units again, as at Google), maps failures.
     */
    public <T> T call(GmailSession session, int units, Duration maxWait, Call<T> call) {
        return call(session, () -> units, maxWait, call);
    }

    /** As {@link #call(GmailSession, int, Duration, Call)}, with the cost asked again before each attempt. */
    public <T> T call(GmailSession session, IntSupplier units, Duration maxWait, Call<T> call) {
        try {
            return retries.get(() -> {
                quota.spend(session.userId(), units.getAsInt(), maxWait);
                try {
                    return call.run(session.gmail());
                } catch (IOException e) {
                    throw translate(e, session);
                }
            });
        } catch (GmailRateLimited e) {
            Duration after = e.retryAfter() == null ? Duration.ofSeconds(5) : e.retryAfter();
            throw new RateLimitedException(Math.max(1, after.toSeconds()));
        }
    }

    /** The service's error for a failed Google call (or GmailRateLimited, which the caller may retry). */
    RuntimeException translate(IOException e, GmailSession session) {
        if (session.invalidGrant().get() || isInvalidGrant(e)) {
            return revoked(session.userId());
        }
        if (e instanceof HttpResponseException response) {
            int status = response.getStatusCode();
            String reason = reason(e);
            if (status == 429 || (status == 403 && reason.toLowerCase().contains("ratelimit"))) {
                return new GmailRateLimited(retryAfter(response.getHeaders()));
            }
            if (status == 401 || (status == 403 && "insufficientPermissions".equals(reason))) {
                return revoked(session.userId());
            }
            if (status == 404) {
                return ApiException.notFound("No such message in Gmail");
            }
            if (status == 400) {
                return ApiException.badRequest("invalid_input", "Gmail refused the request: " + message(e));
            }
            if (status >= 500) {
                log.warn("Gmail answered {} ({})", status, reason);
                return new ApiException(503, "upstream_unavailable", "Gmail is unavailable; try again shortly");
            }
            log.error("Gmail refused a call: {} {}", status, reason);
            return new ApiException(502, "upstream_rejected", "Gmail refused the request");
        }
        log.warn("Gmail could not be reached: {}", e.toString());
        return new ApiException(503, "upstream_unavailable", "Gmail could not be reached; try again shortly");
    }

    /** invalid_grant: the user revoked DONNA, or a "Testing" app's 7-day token died. Never retried. */
    ApiException revoked(UUID userId) {
        links.markNeedsReconnect(userId);
        forget(userId);
        return needsReconnect();
    }

    static ApiException needsReconnect() {
        return new ApiException(409, "gmail_needs_reconnect",
                "Gmail access was revoked or has expired; connect Gmail again");
    }

    static boolean isInvalidGrant(IOException e) {
        return e instanceof TokenResponseException t && t.getDetails() != null
                && "invalid_grant".equals(t.getDetails().getError());
    }

    private static String reason(IOException e) {
        if (e instanceof GoogleJsonResponseException g && g.getDetails() != null) {
            List<GoogleJsonError.ErrorInfo> errors = g.getDetails().getErrors();
            if (errors != null && !errors.isEmpty() && errors.getFirst().getReason() != null) {
                return errors.getFirst().getReason();
            }
        }
        return "";
    }

    private static String message(IOException e) {
        if (e instanceof GoogleJsonResponseException g && g.getDetails() != null && g.getDetails().getMessage() != null) {
            return g.getDetails().getMessage();
        }
        return "HTTP " + ((HttpResponseException) e).getStatusCode();
    }

    /** Retry-After in seconds (an HTTP date, or none, leaves it to the backoff). */
    private static Duration retryAfter(HttpHeaders headers) {
        String value = headers == null ? null : headers.getFirstHeaderStringValue("Retry-After");
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
