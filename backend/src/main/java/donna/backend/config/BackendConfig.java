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
 * @param google                  Google OAuth and Gmail settings, and the key Gmail tokens are encrypted with
 * @param footprint               who the service serves: a shared deployment, or one person on their own machine
 * @param trustedProxyHops        TRUST_PROXY: how many proxies in front of the service append to X-Forwarded-For
 *                                (true = 1); the client is the address the outermost trusted one added, never one
 *                                a client wrote itself; 0 = the TCP peer
 * @param webhooks                outgoing webhooks: which addresses they may reach, how often this instance delivers
 * @param campaigns               marketing campaigns: how often this instance sends what is due
 * @param elevenLabs              ElevenLabs speech for the batch voice path; off (OpenAI speech) without a key
 * @param features                optional features switched on by FEATURE_* settings
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
        OpenAi openai,
        Google google,
        Footprint footprint,
        int trustedProxyHops,
        Webhooks webhooks,
        Campaigns campaigns,
        ElevenLabs elevenLabs,
        Features features) {

    public static final int DEFAULT_PORT = 8787;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 60;

    public BackendConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (trustedProxyHops < 0) {
            throw new IllegalArgumentException("trustedProxyHops must not be negative");
        }
        webhooks = webhooks == null ? Webhooks.defaults() : webhooks;
        campaigns = campaigns == null ? Campaigns.defaults() : campaigns;
        elevenLabs = elevenLabs == null ? ElevenLabs.off() : elevenLabs;
        features = features == null ? Features.off() : features;
    }

    /** Without optional features ({@link Features#off()}). */
    public BackendConfig(String host, int port, Optional<String> databaseUrl, Optional<String> databaseUser,
            Optional<String> databasePassword, Path dataDir, String apiSecret, List<String> allowedOrigins,
            Optional<Clerk> clerk, int rateLimitPerMinute, long maxBodyBytes, boolean trustForwardedProto,
            String sentryDsn, OpenAi openai, Google google, Footprint footprint, int trustedProxyHops,
            Webhooks webhooks, Campaigns campaigns, ElevenLabs elevenLabs) {
        this(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret, allowedOrigins, clerk,
                rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai, google, footprint,
                trustedProxyHops, webhooks, campaigns, elevenLabs, Features.off());
    }

    /** Without ElevenLabs (the batch voice path speaks with OpenAI). */
    public BackendConfig(String host, int port, Optional<String> databaseUrl, Optional<String> databaseUser,
            Optional<String> databasePassword, Path dataDir, String apiSecret, List<String> allowedOrigins,
            Optional<Clerk> clerk, int rateLimitPerMinute, long maxBodyBytes, boolean trustForwardedProto,
            String sentryDsn, OpenAi openai, Google google, Footprint footprint, int trustedProxyHops,
            Webhooks webhooks, Campaigns campaigns) {
        this(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret, allowedOrigins, clerk,
                rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai, google, footprint,
                trustedProxyHops, webhooks, campaigns, ElevenLabs.off());
    }

    /** With the default campaign settings. */
    public BackendConfig(String host, int port, Optional<String> databaseUrl, Optional<String> databaseUser,
            Optional<String> databasePassword, Path dataDir, String apiSecret, List<String> allowedOrigins,
            Optional<Clerk> clerk, int rateLimitPerMinute, long maxBodyBytes, boolean trustForwardedProto,
            String sentryDsn, OpenAi openai, Google google, Footprint footprint, int trustedProxyHops,
            Webhooks webhooks) {
        this(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret, allowedOrigins, clerk,
                rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai, google, footprint,
                trustedProxyHops, webhooks, Campaigns.defaults());
    }

    /** With the default webhook settings. */
    public BackendConfig(String host, int port, Optional<String> databaseUrl, Optional<String> databaseUser,
            Optional<String> databasePassword, Path dataDir, String apiSecret, List<String> allowedOrigins,
            Optional<Clerk> clerk, int rateLimitPerMinute, long maxBodyBytes, boolean trustForwardedProto,
            String sentryDsn, OpenAi openai, Google google, Footprint footprint, int trustedProxyHops) {
        this(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret, allowedOrigins, clerk,
                rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai, google, footprint,
                trustedProxyHops, Webhooks.defaults());
    }

    /** A shared deployment's config ({@link Footprint#SERVER}). */
    public BackendConfig(String host, int port, Optional<String> databaseUrl, Optional<String> databaseUser,
            Optional<String> databasePassword, Path dataDir, String apiSecret, List<String> allowedOrigins,
            Optional<Clerk> clerk, int rateLimitPerMinute, long maxBodyBytes, boolean trustForwardedProto,
            String sentryDsn, OpenAi openai, Google google) {
        this(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret, allowedOrigins, clerk,
                rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai, google, Footprint.SERVER,
                trustForwardedProto ? 1 : 0);
    }

    /**
     * How much of the machine the service may take. A shared deployment sizes for many callers; the desktop app's
     * bundled service serves one person beside their other programs, so its embedded PostgreSQL and connection pool
     * are sized for one user (docs/performance.md, "Memory").
     */
    public enum Footprint {
        SERVER,
        DESKTOP
    }

    /**
     * @param jwksUrl           CLERK_JWKS_URL
     * @param issuer            CLERK_ISSUER (required with a JWKS URL)
     * @param authorizedParties CLERK_AUTHORIZED_PARTIES: allowed {@code azp} values of session tokens
     * @param oauthClientId     CLERK_OAUTH_CLIENT_ID: the desktop app's OAuth client, whose access tokens are accepted
     */
    /**
     * @param oauthRedirectUri the loopback redirect registered for the desktop app's OAuth client; the app binds it
     *                         when signing in (Clerk promises no wildcard port, so it is fixed and published here)
     */
    public record Clerk(URI jwksUrl, String issuer, List<String> authorizedParties, Optional<String> oauthClientId,
                        URI oauthRedirectUri) {
        public static final URI DEFAULT_REDIRECT_URI = URI.create("http://127.0.0.1:47823/callback");

        public Clerk {
            authorizedParties = List.copyOf(authorizedParties);
        }

        public Clerk(URI jwksUrl, String issuer, List<String> authorizedParties, Optional<String> oauthClientId) {
            this(jwksUrl, issuer, authorizedParties, oauthClientId, DEFAULT_REDIRECT_URI);
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
     * @param dailyVoiceMinutes  VOICE_DAILY_MINUTES: voice minutes per user per UTC day (default 60; 0 = no budget)
     * @param maxConcurrentSessions VOICE_MAX_CONCURRENT_SESSIONS: live voice sessions per user (default 2; 0 = no
     *                           cap). The desktop's bundled service meters nothing: its one person pays with their
     *                           own key
     * @param relay              the WebSocket relay through the service (ENABLE_WS_PROXY, off by default)
     */
    public record Realtime(String voice, int tokenTtlSeconds, int rateLimitPerMinute, int dailyVoiceMinutes,
            int maxConcurrentSessions, Relay relay) {
        public static final int MIN_TTL_SECONDS = 10;
        public static final int MAX_TTL_SECONDS = 7200;
        public static final int DEFAULT_DAILY_VOICE_MINUTES = 60;
        public static final int DEFAULT_MAX_CONCURRENT_SESSIONS = 2;

        public Realtime {
            if (dailyVoiceMinutes < 0 || maxConcurrentSessions < 0) {
                throw new IllegalArgumentException("voice limits must not be negative");
            }
            java.util.Objects.requireNonNull(relay, "relay");
        }

        /** Without the relay. */
        public Realtime(String voice, int tokenTtlSeconds, int rateLimitPerMinute, int dailyVoiceMinutes,
                int maxConcurrentSessions) {
            this(voice, tokenTtlSeconds, rateLimitPerMinute, dailyVoiceMinutes, maxConcurrentSessions, Relay.off());
        }

        /** Without voice limits (no budget, no cap): for the bundled service and tests that mint freely. */
        public Realtime(String voice, int tokenTtlSeconds, int rateLimitPerMinute) {
            this(voice, tokenTtlSeconds, rateLimitPerMinute, 0, 0);
        }

        public static Realtime defaults() {
            return new Realtime("marin", 60, 10, DEFAULT_DAILY_VOICE_MINUTES, DEFAULT_MAX_CONCURRENT_SESSIONS);
        }

        public Realtime withVoiceLimits(int dailyMinutes, int maxConcurrent) {
            return new Realtime(voice, tokenTtlSeconds, rateLimitPerMinute, dailyMinutes, maxConcurrent, relay);
        }

        public Realtime withRelay(Relay newRelay) {
            return new Realtime(voice, tokenTtlSeconds, rateLimitPerMinute, dailyVoiceMinutes, maxConcurrentSessions,
                    newRelay);
        }
    }

    /**
     * The Realtime WebSocket relayed through the service ({@code GET /api/realtime/ws}) for networks where the app
     * cannot reach OpenAI: the service connects with its own key.
     *
     * @param enabled        ENABLE_WS_PROXY (default false)
     * @param maxConnections WS_PROXY_MAX_CONNECTIONS: relayed connections one instance carries at once
     * @param maxPerUser     WS_PROXY_MAX_CONNECTIONS_PER_USER: one user's relayed connections on one instance (the
     *                       voice budget's concurrent cap holds across instances)
     * @param idleTimeout    WS_PROXY_IDLE_SECONDS: a connection with no frame from the app for this long is closed
     * @param maxDuration    WS_PROXY_MAX_MINUTES: no connection lasts longer
     */
    public record Relay(boolean enabled, int maxConnections, int maxPerUser, Duration idleTimeout,
            Duration maxDuration) {
        public Relay {
            if (maxConnections < 1 || maxPerUser < 1) {
                throw new IllegalArgumentException("relay connection caps must be at least 1");
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero() || maxDuration.isNegative() || maxDuration.isZero()) {
                throw new IllegalArgumentException("relay time limits must be positive");
            }
        }

        public static Relay off() {
            return new Relay(false, 100, 2, Duration.ofMinutes(2), Duration.ofMinutes(30));
        }

        public Relay enabled(boolean on) {
            return new Relay(on, maxConnections, maxPerUser, idleTimeout, maxDuration);
        }
    }

    /**
     * @param clientId                 GOOGLE_CLIENT_ID; empty means Gmail is not configured (the routes say so)
     * @param clientSecret             GOOGLE_CLIENT_SECRET (required with a client id)
     * @param authUrl                  GOOGLE_AUTH_URL, the consent page
     * @param tokenUrl                 GOOGLE_TOKEN_URL
     * @param gmailRootUrl             GMAIL_ROOT_URL: Gmail's REST paths ({@code /gmail/v1/...}) hang off it
     * @param tokenEncryptionKey       TOKEN_ENCRYPTION_KEY, base64 of 32 bytes; empty with the embedded database
     *                                 means the key kept in {@code DONNA_DATA_DIR/token-encryption-key}
     * @param previousEncryptionKeys   TOKEN_ENCRYPTION_PREVIOUS_KEYS: older keys, still read during a rotation
     * @param quotaUnitsPerWindow      GMAIL_QUOTA_UNITS_PER_MINUTE: Gmail's per-user quota the service paces under
     * @param quotaWindow              the quota's window (a minute; tests shorten it)
     * @param autopilotInterval        GMAIL_AUTOPILOT_INTERVAL_SECONDS: how often the autopilot job runs
     */
    public record Google(Optional<String> clientId, Optional<String> clientSecret, URI authUrl, URI tokenUrl,
            URI gmailRootUrl, Optional<String> tokenEncryptionKey, List<String> previousEncryptionKeys,
            int quotaUnitsPerWindow, Duration quotaWindow, Duration autopilotInterval, URI revokeUrl) {
        public static final int GMAIL_QUOTA_UNITS_PER_MINUTE = 15_000;

        public Google {
            previousEncryptionKeys = List.copyOf(previousEncryptionKeys);
            gmailRootUrl = withoutTrailingSlash(gmailRootUrl);
            if (revokeUrl == null && tokenUrl != null) {
                revokeUrl = tokenUrl.resolve("revoke"); // Google's (and the fake's) sits beside the token endpoint
            }
        }

        /**
         * Gmail's root as every reader of GMAIL_ROOT_URL must see it (the standalone service's loader and the app's
         * bundled service alike): without trailing slashes, since the API client appends {@code /gmail/v1/...}.
         */
        public static URI withoutTrailingSlash(URI root) {
            if (root == null) {
                return null;
            }
            String text = root.toString();
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '/' && !text.substring(0, end).endsWith("://")) {
                end--;
            }
            return end == text.length() ? root : URI.create(text.substring(0, end));
        }

        public static Google defaults() {
            return new Google(Optional.empty(), Optional.empty(),
                    URI.create("https://accounts.google.com/o/oauth2/v2/auth"),
                    URI.create("https://oauth2.googleapis.com/token"), URI.create("https://gmail.googleapis.com"),
                    Optional.empty(), List.of(), GMAIL_QUOTA_UNITS_PER_MINUTE, Duration.ofMinutes(1),
                    Duration.ofMinutes(5), null);
        }

        /** These OAuth client credentials and endpoints (the stand-in Google, say). */
        public Google withClient(String id, String secret, URI auth, URI token, URI gmailRoot) {
            return new Google(Optional.of(id), Optional.of(secret), auth, token, gmailRoot, tokenEncryptionKey,
                    previousEncryptionKeys, quotaUnitsPerWindow, quotaWindow, autopilotInterval, null);
        }

        public Google withQuota(int units, Duration window) {
            return new Google(clientId, clientSecret, authUrl, tokenUrl, gmailRootUrl, tokenEncryptionKey,
                    previousEncryptionKeys, units, window, autopilotInterval, revokeUrl);
        }

        public Google withEncryptionKeys(Optional<String> current, List<String> previous) {
            return new Google(clientId, clientSecret, authUrl, tokenUrl, gmailRootUrl, current, previous,
                    quotaUnitsPerWindow, quotaWindow, autopilotInterval, revokeUrl);
        }

        public Google withAutopilotInterval(Duration interval) {
            return new Google(clientId, clientSecret, authUrl, tokenUrl, gmailRootUrl, tokenEncryptionKey,
                    previousEncryptionKeys, quotaUnitsPerWindow, quotaWindow, interval, revokeUrl);
        }

        /** GOOGLE_REVOKE_URL: where a disconnect revokes the grant (default: beside the token endpoint). */
        public Google withRevokeUrl(URI url) {
            return new Google(clientId, clientSecret, authUrl, tokenUrl, gmailRootUrl, tokenEncryptionKey,
                    previousEncryptionKeys, quotaUnitsPerWindow, quotaWindow, autopilotInterval, url);
        }

        public boolean configured() {
            return clientId.isPresent() && clientSecret.isPresent();
        }

        /** Never print the client secret or the keys. */
        @Override
        public String toString() {
            return "Google[clientId=" + clientId.orElse("none") + ", authUrl=" + authUrl + ", tokenUrl=" + tokenUrl
                    + ", gmailRootUrl=" + gmailRootUrl + "]";
        }
    }

    /** A config for a service bound to loopback with the embedded database: the app's bundled mode and tests. */
    public static BackendConfig loopback(Path dataDir, String apiSecret) {
        return new BackendConfig("127.0.0.1", 0, Optional.empty(), Optional.empty(), Optional.empty(), dataDir,
                apiSecret, List.of(), Optional.empty(), DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_MAX_BODY_BYTES, false,
                "", OpenAi.defaults(), Google.defaults(), Footprint.SERVER, 0);
    }

    public BackendConfig withFootprint(Footprint newFootprint) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai,
                google, newFootprint, trustedProxyHops, webhooks, campaigns, elevenLabs, features);
    }

    /** Behind {@code hops} proxies that each append to X-Forwarded-For (TRUST_PROXY); also believes their Proto. */
    public BackendConfig withTrustedProxyHops(int hops) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, hops > 0, sentryDsn, openai, google,
                footprint, hops, webhooks, campaigns, elevenLabs, features);
    }

    public BackendConfig withPort(int newPort) {
        return new BackendConfig(host, newPort, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai,
                google, footprint, trustedProxyHops, webhooks, campaigns, elevenLabs, features);
    }

    public BackendConfig withAllowedOrigins(List<String> origins) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                origins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai,
                google, footprint, trustedProxyHops, webhooks, campaigns, elevenLabs, features);
    }

    public BackendConfig withClerk(Optional<Clerk> newClerk) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, newClerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai,
                google, footprint, trustedProxyHops, webhooks, campaigns, elevenLabs, features);
    }

    public BackendConfig withRateLimitPerMinute(int perMinute) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, perMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai,
                google, footprint, trustedProxyHops, webhooks, campaigns, elevenLabs, features);
    }

    public BackendConfig withOpenAi(OpenAi newOpenAi) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, newOpenAi,
                google, footprint, trustedProxyHops, webhooks, campaigns, elevenLabs, features);
    }

    public BackendConfig withGoogle(Google newGoogle) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai,
                newGoogle, footprint, trustedProxyHops, webhooks, campaigns, elevenLabs, features);
    }

    public BackendConfig withWebhooks(Webhooks newWebhooks) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai,
                google, footprint, trustedProxyHops, newWebhooks, campaigns, elevenLabs, features);
    }

    /**
     * @param allowLoopback WEBHOOKS_ALLOW_LOOPBACK: webhooks (and other outbound calls under the same rules) may go to
     *                      a loopback address, over plain http too, for integrations on the same machine; default false
     * @param pollInterval  WEBHOOKS_POLL_SECONDS: how often this instance looks for due deliveries (default 5;
     *                      0 = this instance delivers none, another one does)
     */
    public BackendConfig withCampaigns(Campaigns newCampaigns) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai,
                google, footprint, trustedProxyHops, webhooks, newCampaigns, elevenLabs, features);
    }

    public BackendConfig withFeatures(Features newFeatures) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai,
                google, footprint, trustedProxyHops, webhooks, campaigns, elevenLabs, newFeatures);
    }

    /**
     * Optional features, each off unless switched on.
     *
     * @param embeddings FEATURE_EMBEDDINGS (true/false, default false): Insights embeds ended conversations with
     *                   OpenAI ({@code embed-conversation}) and pattern-analyze groups similar ones by them
     */
    public record Features(boolean embeddings) {
        public static Features off() {
            return new Features(false);
        }
    }

    public BackendConfig withElevenLabs(ElevenLabs newElevenLabs) {
        return new BackendConfig(host, port, databaseUrl, databaseUser, databasePassword, dataDir, apiSecret,
                allowedOrigins, clerk, rateLimitPerMinute, maxBodyBytes, trustForwardedProto, sentryDsn, openai,
                google, footprint, trustedProxyHops, webhooks, campaigns, newElevenLabs, features);
    }

    /**
     * ElevenLabs' streaming text-to-speech as the batch voice path's voice (issue 16); OpenAI speech stands in for
     * a turn ElevenLabs refuses or cannot answer.
     *
     * @param apiKey  ELEVENLABS_API_KEY; empty = OpenAI speech, as without ElevenLabs. Never logged or returned
     * @param voiceId ELEVENLABS_VOICE_ID, default {@value #DEFAULT_VOICE_ID} (George, one of ElevenLabs' premade voices)
     * @param model   ELEVENLABS_MODEL, default {@value #DEFAULT_MODEL} (ElevenLabs' low-latency model)
     * @param baseUrl ELEVENLABS_BASE_URL, default https://api.elevenlabs.io (tests point it at the fake)
     */
    public record ElevenLabs(Optional<String> apiKey, String voiceId, String model, URI baseUrl) {
        public static final String DEFAULT_VOICE_ID = "JBFqnCBsd6RMkjVDRZzb";
        public static final String DEFAULT_MODEL = "eleven_flash_v2_5";
        public static final URI DEFAULT_BASE_URL = URI.create("https://api.elevenlabs.io");

        public static ElevenLabs off() {
            return new ElevenLabs(Optional.empty(), DEFAULT_VOICE_ID, DEFAULT_MODEL, DEFAULT_BASE_URL);
        }

        public boolean enabled() {
            return apiKey.isPresent();
        }

        /** Never print the key. */
        @Override
        public String toString() {
            return "ElevenLabs[baseUrl=" + baseUrl + ", voiceId=" + voiceId + ", model=" + model + ", key="
                    + (apiKey.isPresent() ? "set" : "none") + "]";
        }
    }

    /**
     * @param pollInterval       CAMPAIGNS_POLL_SECONDS: how often this instance sends the queued recipients of
     *                           running campaigns (default 10; 0 = this instance sends none, another one does)
     * @param replyCheckInterval CAMPAIGNS_REPLY_CHECK_MINUTES: how often a campaign's replies and unsubscribes are
     *                           looked for in the inbox, while it runs and for 14 days after (default 30; 0 = only
     *                           when asked)
     * @param publicUrl          PUBLIC_URL: where people on the internet reach this service (https); with it, each
     *                           campaign mail offers one-click unsubscribe (RFC 8058) besides the mailto
     */
    public record Campaigns(Duration pollInterval, Duration replyCheckInterval, Optional<URI> publicUrl) {
        public static final Duration DEFAULT_REPLY_CHECK = Duration.ofMinutes(30);

        public Campaigns(Duration pollInterval) {
            this(pollInterval, DEFAULT_REPLY_CHECK, Optional.empty());
        }

        public static Campaigns defaults() {
            return new Campaigns(Duration.ofSeconds(10));
        }

        public Campaigns withPublicUrl(URI url) {
            return new Campaigns(pollInterval, replyCheckInterval, Optional.of(url));
        }
    }

    public record Webhooks(boolean allowLoopback, Duration pollInterval) {
        public static Webhooks defaults() {
            return new Webhooks(false, Duration.ofSeconds(5));
        }
    }

    /** Never print the secrets: records' default toString would. */
    @Override
    public String toString() {
        return "BackendConfig[host=" + host + ", port=" + port + ", database="
                + (databaseUrl.isPresent() ? "external" : "embedded") + ", dataDir=" + dataDir + ", allowedOrigins="
                + allowedOrigins + ", clerk=" + clerk.map(c -> c.issuer()).orElse("off") + ", rateLimitPerMinute="
                + rateLimitPerMinute + ", footprint=" + footprint + "]";
    }
}
