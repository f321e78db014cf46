package donna.backend.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the companion service is configured with, already validated. Built by {@link ConfigLoader} from the
 * environment and {@code .env}, or directly by the desktop app for its bundled service.
 *
 * @param host                    interface to bind (HOST, default 127.0.0.1; 0.0.0.0 for a shared deployment)
 * @param port                    PORT, default 8787; 0 picks a free port
 * @param databaseUrl             DATABASE_URL as a JDBC URL; empty means the embedded Postgres
 * @param databaseUser            user parsed out of DATABASE_URL, if it carried one
 * @param databasePassword        password parsed out of DATABASE_URL, if it carried one
 * @param dataDir                 DONNA_DATA_DIR: the embedded database and other runtime files live here
 * @param apiSecret               API_SECRET: the bearer token of internal callers (and of the bundled app)
 * @param allowedOrigins          ALLOWED_ORIGINS: browser origins allowed to call; everything else with an Origin is 403
 * @param clerk                   Clerk settings; empty when Clerk sign-in is off (API_SECRET only)
 * @param rateLimitPerMinute      RATE_LIMIT_PER_MINUTE per user (per IP when unauthenticated)
 * @param maxBodyBytes            MAX_BODY_BYTES: larger request bodies are 413
 * @param trustForwardedProto     TRUST_PROXY: believe X-Forwarded-Proto from a TLS-terminating proxy (for HSTS)
 * @param sentryDsn               SENTRY_DSN; empty disables error reporting
 * @param openai                  OpenAI settings
 */
public record BackendConfig(
        String host,
        int port,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Path dataDir,
        String apiSecret,
        List<String> allowedOrigins,
        Optional<Clerk> clerk,
        int rateLimitPerMinute,
        long maxBodyBytes,
        boolean trustForwardedProto,
        String sentryDsn,
        OpenAi openai) {

    public static final int DEFAULT_PORT = 8787;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 60;

    public BackendConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * @param jwksUrl           CLERK_JWKS_URL
     * @param issuer            CLERK_ISSUER (required with a JWKS URL)
     * @param authorizedParties CLERK_AUTHORIZED_PARTIES: allowed {@code azp} values of session tokens
     * @param oauthClientId     CLERK_OAUTH_CLIENT_ID: the desktop app's OAuth client, whose access tokens are accepted
     */
    public record Clerk(URI jwksUrl, String issuer, List<String> authorizedParties, Optional<String> oauthClientId) {
        public Clerk {
            authorizedParties = List.copyOf(authorizedParties);
        }
    }

    /**
     * @param apiKey        OPENAI_API_KEY; empty means no key (the app's demo mode points baseUrl at the fake)
     * @param baseUrl       OPENAI_BASE_URL, default https://api.openai.com
     * @param chatModel     OPENAI_CHAT_MODEL
     * @param realtimeModel OPENAI_REALTIME_MODEL
     * @param timeout       OPENAI_TIMEOUT_SECONDS: a call that takes longer fails as a timeout
     * @param realtime      how voice client secrets are minted
     */
    public record OpenAi(Optional<String> apiKey, URI baseUrl, String chatModel, String realtimeModel, Duration timeout,
            Realtime realtime) {
        public static OpenAi defaults() {
            return new OpenAi(Optional.empty(), URI.create("https://api.openai.com"), "gpt-4.1-mini", "gpt-realtime",
                    Duration.ofSeconds(30));
        }

        /** With the default realtime settings. */
        public OpenAi(Optional<String> apiKey, URI baseUrl, String chatModel, String realtimeModel, Duration timeout) {
            this(apiKey, baseUrl, chatModel, realtimeModel, timeout, Realtime.defaults());
        }

        public OpenAi withRealtime(Realtime newRealtime) {
            return new OpenAi(apiKey, baseUrl, chatModel, realtimeModel, timeout, newRealtime);
        }

        /** Never print the key. */
        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + ", chatModel=" + chatModel + ", realtimeModel=" + realtimeModel
                    + ", key=" + (apiKey.isPresent() ? "set" : "none") + "]";
        }
    }

    /**
     * @param voice              OPENAI_REALTIME_VOICE: the voice DONNA speaks with
     * @param tokenTtlSeconds    REALTIME_TOKEN_TTL_SECONDS (10..7200): how long a minted client secret can open a
     *                           connection (a session already open outlives it)
     * @param rateLimitPerMinute REALTIME_RATE_LIMIT_PER_MINUTE: client secrets per caller per minute
     */
    public record Realtime(String voice, int tokenTtlSeconds, int rateLimitPerMinute) {
        public static final int MIN_TTL_SECONDS = 10;
        public static final int MAX_TTL_SECONDS = 7200;

        public static Realtime defaults() {
            return new Realtime("marin", 60, 10);
        }
    }

    /** A config for a service bound to loopback with the embedded database: the app's bundled mode and tests. */
    public static BackendConfig loopback(Path dataDir, String apiSecret) {
        return new BackendConfig("127.0.0.1", 0, Optional.empty(), Optional.empty(), Optional.empty(), dataDir,
                apiSecret, List.of(), Optional.empty(), DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_MAX_BODY_BYTES, false,
                "", OpenAi.defaults());
    }

    public BackendConfig withPort(int newPort) {
        return new BackendConfig(host, newPort, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai);
    }

    public BackendConfig withAllowedOrigins(List<String> origins) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                origins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai);
    }

    public BackendConfig withClerk(Optional<Clerk> newClerk) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, newClerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai);
    }

    public BackendConfig withRateLimitPerMinute(int perMinute) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, perMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai);
    }

    public BackendConfig withOpenAi(OpenAi newOpenAi) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, newOpenAi);
    }

    /** Never print the secrets: records' default toString would. */
    @Override
    public String toString() {
        return "BackendConfig[host=" + host + ", port=" + port + ", database="
                + (databaseUrl.isPresent() ? "external" : "embedded") + ", dataDir=" + dataDir + ", allowedOrigins="
                + allowedOrigins + ", clerk=" + clerk.map(c -> c.issuer()).orElse("off") + ", rateLimitPerMinute="
                + rateLimitPerMinute + "]";
    }
}
