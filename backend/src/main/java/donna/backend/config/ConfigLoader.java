package donna.backend.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link BackendConfig} from environment variables and a {@code .env} file (the real environment wins) and
 * validates every value. The first problem found is thrown as a {@link ConfigException} naming the variable.
 */
public final class ConfigLoader {
    private static final int MIN_SECRET_LENGTH = 16;

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The process environment layered over {@code .env} in the given directory (if there is one). */
    public static ConfigLoader fromEnvironment(Path dotenvDirectory) {
        Map<String, String> merged = new HashMap<>();
        Dotenv dotenv = Dotenv.configure().directory(dotenvDirectory.toString()).ignoreIfMissing()
                .ignoreIfMalformed().load();
        for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
            merged.put(entry.getKey(), entry.getValue());
        }
        merged.putAll(System.getenv());
        return new ConfigLoader(merged);
    }

    public BackendConfig load() {
        String host = text("HOST").orElse("127.0.0.1");
        int port = integer("PORT", BackendConfig.DEFAULT_PORT, 0, 65535);
        Optional<DatabaseUrl> database = text("DATABASE_URL").map(DatabaseUrl::parse);
        if (database.isEmpty() && text("DONNA_EMBEDDED_DATABASE").filter("off"::equalsIgnoreCase).isPresent()) {
            // The container image leaves the embedded PostgreSQL's binaries out: say so instead of failing later.
            throw new ConfigException("DATABASE_URL", "is required: this build has no embedded PostgreSQL "
                    + "(postgresql://user:password@host:5432/db)");
        }
        Path dataDir = UserFolders.forThisMachine(env).data();
        String apiSecret = text("API_SECRET").orElseThrow(() -> new ConfigException("API_SECRET",
                "is required (a random string of at least " + MIN_SECRET_LENGTH + " characters)"));
        if (apiSecret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException("API_SECRET", "must be at least " + MIN_SECRET_LENGTH + " characters long");
        }
        List<String> origins = list("ALLOWED_ORIGINS").stream().map(ConfigLoader::origin).toList();
        Optional<BackendConfig.Clerk> clerk = clerk(origins);
        int rate = integer("RATE_LIMIT_PER_MINUTE", BackendConfig.DEFAULT_RATE_LIMIT_PER_MINUTE, 1, 1_000_000);
        long maxBody = integer("MAX_BODY_BYTES", (int) BackendConfig.DEFAULT_MAX_BODY_BYTES, 1024, 64 * 1024 * 1024);
        int proxyHops = proxyHops();
        String sentryDsn = text("SENTRY_DSN").map(ConfigLoader::sentryDsn).orElse("");
        return new BackendConfig(host, port, database.map(DatabaseUrl::jdbcUrl),
                database.flatMap(DatabaseUrl::user), database.flatMap(DatabaseUrl::password), dataDir, apiSecret,
                origins, clerk, rate, maxBody, proxyHops > 0, sentryDsn, openAi(), google(database.isPresent()))
                .withTrustedProxyHops(proxyHops).withWebhooks(webhooks()).withCampaigns(campaigns())
                .withElevenLabs(elevenLabs()).withFeatures(features());
    }

    /** FEATURE_EMBEDDINGS (true/false, default false). */
    private BackendConfig.Features features() {
        String embeddings = text("FEATURE_EMBEDDINGS").orElse("false").toLowerCase(java.util.Locale.ROOT);
        if (!embeddings.equals("true") && !embeddings.equals("false")) {
            throw new ConfigException("FEATURE_EMBEDDINGS", "must be true or false (got \"" + embeddings + "\")");
        }
        return new BackendConfig.Features(embeddings.equals("true"));
    }

    /**
     * ELEVENLABS_API_KEY (unset = OpenAI speech), ELEVENLABS_VOICE_ID and ELEVENLABS_MODEL (they go into the request's
     * path and body, so letters, digits, '_' and '-' only), ELEVENLABS_BASE_URL. The key is never echoed.
     */
    private BackendConfig.ElevenLabs elevenLabs() {
        BackendConfig.ElevenLabs off = BackendConfig.ElevenLabs.off();
        String voice = text("ELEVENLABS_VOICE_ID").orElse(off.voiceId());
        if (!voice.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ConfigException("ELEVENLABS_VOICE_ID", "must be an ElevenLabs voice id (letters and digits, "
                    + "e.g. " + BackendConfig.ElevenLabs.DEFAULT_VOICE_ID + ")");
        }
        String model = text("ELEVENLABS_MODEL").orElse(off.model());
        if (!model.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigException("ELEVENLABS_MODEL", "must be an ElevenLabs model id, e.g. "
                    + BackendConfig.ElevenLabs.DEFAULT_MODEL);
        }
        Optional<String> key = text("ELEVENLABS_API_KEY");
        if (key.isPresent() && !key.get().matches("\\S+")) {
            throw new ConfigException("ELEVENLABS_API_KEY", "must not contain spaces");
        }
        return new BackendConfig.ElevenLabs(key, voice, model, url("ELEVENLABS_BASE_URL", off.baseUrl()));
    }

    /** WEBHOOKS_ALLOW_LOOPBACK (true/false) and WEBHOOKS_POLL_SECONDS (0-3600; 0 = this instance delivers none). */
    private BackendConfig.Webhooks webhooks() {
        String loopback = text("WEBHOOKS_ALLOW_LOOPBACK").orElse("false").toLowerCase(java.util.Locale.ROOT);
        if (!loopback.equals("true") && !loopback.equals("false")) {
            throw new ConfigException("WEBHOOKS_ALLOW_LOOPBACK", "must be true or false (got \"" + loopback + "\")");
        }
        int poll = integer("WEBHOOKS_POLL_SECONDS",
                (int) BackendConfig.Webhooks.defaults().pollInterval().toSeconds(), 0, 3600);
        return new BackendConfig.Webhooks(loopback.equals("true"), java.time.Duration.ofSeconds(poll));
    }

    /**
     * CAMPAIGNS_POLL_SECONDS (0-3600; 0 = this instance sends no campaign mail), CAMPAIGNS_REPLY_CHECK_MINUTES
     * (0-1440; 0 = replies are looked for only when asked) and PUBLIC_URL (https, or http to a loopback address).
     */
    private BackendConfig.Campaigns campaigns() {
        int poll = integer("CAMPAIGNS_POLL_SECONDS",
                (int) BackendConfig.Campaigns.defaults().pollInterval().toSeconds(), 0, 3600);
        int replies = integer("CAMPAIGNS_REPLY_CHECK_MINUTES",
                (int) BackendConfig.Campaigns.DEFAULT_REPLY_CHECK.toMinutes(), 0, 1440);
        return new BackendConfig.Campaigns(java.time.Duration.ofSeconds(poll), java.time.Duration.ofMinutes(replies),
                text("PUBLIC_URL").map(ConfigLoader::publicUrl));
    }

    /** One-click unsubscribe links must be https (RFC 8058); plain http only to this machine, for local trials. */
    private static URI publicUrl(String value) {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("PUBLIC_URL", "is not a URL: " + value);
        }
        boolean https = "https".equals(uri.getScheme());
        boolean loopback = "http".equals(uri.getScheme()) && uri.getHost() != null
                && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1"));
        if (uri.getHost() == null || !(https || loopback) || uri.getQuery() != null || uri.getFragment() != null) {
            throw new ConfigException("PUBLIC_URL", "must be an https URL without query or fragment, e.g. "
                    + "https://donna.example.com (http only to localhost)");
        }
        return uri;
    }

    /** TRUST_PROXY: false/0 (none), true (one proxy), or how many proxies append to X-Forwarded-For (1-10). */
    private int proxyHops() {
        String value = text("TRUST_PROXY").orElse("false").toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "true", "yes" -> 1;
            case "false", "no" -> 0;
            default -> {
                try {
                    int hops = Integer.parseInt(value);
                    if (hops < 0 || hops > 10) {
                        throw new NumberFormatException();
                    }
                    yield hops;
                } catch (NumberFormatException e) {
                    throw new ConfigException("TRUST_PROXY",
                            "must be true, false or the number of proxies in front (0-10) (got \"" + value + "\")");
                }
            }
        };
    }

    private BackendConfig.Google google(boolean externalDatabase) {
        BackendConfig.Google defaults = BackendConfig.Google.defaults();
        Optional<String> clientId = text("GOOGLE_CLIENT_ID");
        Optional<String> secret = text("GOOGLE_CLIENT_SECRET");
        if (clientId.isPresent() && secret.isEmpty()) {
            throw new ConfigException("GOOGLE_CLIENT_SECRET", "is required when GOOGLE_CLIENT_ID is set");
        }
        Optional<String> key = text("TOKEN_ENCRYPTION_KEY").map(v -> encryptionKey("TOKEN_ENCRYPTION_KEY", v));
        if (key.isEmpty() && externalDatabase) {
            // Several instances share the database: they must share the key, so none may invent its own.
            throw new ConfigException("TOKEN_ENCRYPTION_KEY", "is required when DATABASE_URL is set "
                    + "(base64 of 32 random bytes: openssl rand -base64 32)");
        }
        List<String> previous = list("TOKEN_ENCRYPTION_PREVIOUS_KEYS").stream()
                .map(v -> encryptionKey("TOKEN_ENCRYPTION_PREVIOUS_KEYS", v)).toList();
        int quota = integer("GMAIL_QUOTA_UNITS_PER_MINUTE", defaults.quotaUnitsPerWindow(), 100, 1_000_000);
        int interval = integer("GMAIL_AUTOPILOT_INTERVAL_SECONDS",
                (int) defaults.autopilotInterval().toSeconds(), 10, 86_400);
        return new BackendConfig.Google(clientId, secret.filter(s -> clientId.isPresent()),
                url("GOOGLE_AUTH_URL", defaults.authUrl()), url("GOOGLE_TOKEN_URL", defaults.tokenUrl()),
                url("GMAIL_ROOT_URL", defaults.gmailRootUrl()), key, previous, quota, defaults.quotaWindow(),
                Duration.ofSeconds(interval), text("GOOGLE_REVOKE_URL")
                        .map(v -> httpUrl("GOOGLE_REVOKE_URL", stripSlash(v))).orElse(null));
    }

    private URI url(String name, URI fallback) {
        return text(name).map(v -> httpUrl(name, stripSlash(v))).orElse(fallback);
    }

    /** Base64 (standard or URL-safe) of exactly 32 bytes; the value is a secret and never echoed. */
    private static String encryptionKey(String name, String value) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new ConfigException(name, "must be the base64 of exactly 32 random bytes "
                    + "(openssl rand -base64 32)");
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** @param origins ALLOWED_ORIGINS: the authorized parties of session tokens unless CLERK_AUTHORIZED_PARTIES says */
    private Optional<BackendConfig.Clerk> clerk(List<String> origins) {
        Optional<URI> jwks = text("CLERK_JWKS_URL").map(v -> httpUrl("CLERK_JWKS_URL", v));
        if (jwks.isEmpty()) {
            return Optional.empty();
        }
        String issuer = text("CLERK_ISSUER").orElseThrow(
                () -> new ConfigException("CLERK_ISSUER", "is required when CLERK_JWKS_URL is set"));
        httpUrl("CLERK_ISSUER", issuer);
        List<String> parties = list("CLERK_AUTHORIZED_PARTIES").stream().map(ConfigLoader::origin).toList();
        if (parties.isEmpty()) {
            parties = origins; // a session token is a browser's: only from an origin allowed to call at all
        }
        URI redirect = text("CLERK_OAUTH_REDIRECT_URI").map(v -> loopbackRedirect("CLERK_OAUTH_REDIRECT_URI", v))
                .orElse(BackendConfig.Clerk.DEFAULT_REDIRECT_URI);
        return Optional.of(new BackendConfig.Clerk(jwks.get(), issuer, parties, text("CLERK_OAUTH_CLIENT_ID"),
                redirect));
    }

    private BackendConfig.OpenAi openAi() {
        BackendConfig.OpenAi defaults = BackendConfig.OpenAi.defaults();
        URI base = url("OPENAI_BASE_URL", defaults.baseUrl());
        int timeout = integer("OPENAI_TIMEOUT_SECONDS", (int) defaults.timeout().toSeconds(), 1, 600);
        return new BackendConfig.OpenAi(text("OPENAI_API_KEY"), base,
                text("OPENAI_CHAT_MODEL").orElse(defaults.chatModel()),
                text("OPENAI_REALTIME_MODEL").orElse(defaults.realtimeModel()), Duration.ofSeconds(timeout),
                realtime());
    }

    private BackendConfig.Realtime realtime() {
        BackendConfig.Realtime defaults = BackendConfig.Realtime.defaults();
        return new BackendConfig.Realtime(text("OPENAI_REALTIME_VOICE").orElse(defaults.voice()),
                integer("REALTIME_TOKEN_TTL_SECONDS", defaults.tokenTtlSeconds(), BackendConfig.Realtime.MIN_TTL_SECONDS,
                        BackendConfig.Realtime.MAX_TTL_SECONDS),
                integer("REALTIME_RATE_LIMIT_PER_MINUTE", defaults.rateLimitPerMinute(), 1, 100_000),
                integer("VOICE_DAILY_MINUTES", defaults.dailyVoiceMinutes(), 0, 24 * 60),
                integer("VOICE_MAX_CONCURRENT_SESSIONS", defaults.maxConcurrentSessions(), 0, 1_000), relay());
    }

    private BackendConfig.Relay relay() {
        BackendConfig.Relay off = BackendConfig.Relay.off();
        return new BackendConfig.Relay(flag("ENABLE_WS_PROXY"),
                integer("WS_PROXY_MAX_CONNECTIONS", off.maxConnections(), 1, 100_000),
                integer("WS_PROXY_MAX_CONNECTIONS_PER_USER", off.maxPerUser(), 1, 100),
                Duration.ofSeconds(integer("WS_PROXY_IDLE_SECONDS", (int) off.idleTimeout().toSeconds(), 5, 3_600)),
                Duration.ofMinutes(integer("WS_PROXY_MAX_MINUTES", (int) off.maxDuration().toMinutes(), 1, 24 * 60)));
    }

    /** true/yes/1 or false/no/0 (absent: false). */
    private boolean flag(String name) {
        String value = text(name).orElse("false").toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(name, "must be true or false (got \"" + value + "\")");
        };
    }

    private Optional<String> text(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private List<String> list(String name) {
        return text(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private int integer(String name, int fallback, int min, int max) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name,
                    "must be a whole number from " + min + " to " + max + " (got \"" + value.get() + "\")");
        }
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static URI httpUrl(String name, String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not http(s)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(name, "must be an http(s) URL (got \"" + value + "\")");
        }
    }

    /** A desktop OAuth redirect: plain http on 127.0.0.1 with a fixed port and a path (RFC 8252 section 7.3). */
    private static URI loopbackRedirect(String name, String value) {
        URI uri = httpUrl(name, value);
        if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost()) || uri.getPort() <= 0
                || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw new ConfigException(name, "must look like http://127.0.0.1:<port>/callback (got \"" + value + "\")");
        }
        return uri;
    }

    /** An origin is scheme://host[:port] with nothing after it, exactly what browsers send. */
    private static String origin(String value) {
        URI uri = httpUrl("ALLOWED_ORIGINS", value);
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty()) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException("ALLOWED_ORIGINS",
                    "each entry must be an origin like https://app.example.com, without a path (got \"" + value + "\")");
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String sentryDsn(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getUserInfo() == null) {
                throw new URISyntaxException(value, "no key");
            }
            return value;
        } catch (URISyntaxException e) {
            // The DSN carries a key: do not echo it.
            throw new ConfigException("SENTRY_DSN", "must be a DSN like https://<key>@<host>/<project>");
        }
    }

    /** DATABASE_URL in any of the usual spellings: postgres://, postgresql:// (Supabase) or jdbc:postgresql://. */
    record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {
        static DatabaseUrl parse(String value) {
            String raw = value.startsWith("jdbc:") ? value.substring(5) : value;
            try {
                URI uri = new URI(raw);
                if (!("postgres".equals(uri.getScheme()) || "postgresql".equals(uri.getScheme()))
                        || uri.getHost() == null) {
                    throw new URISyntaxException(raw, "scheme");
                }
                Optional<String> user = Optional.empty();
                Optional<String> password = Optional.empty();
                String userInfo = uri.getRawUserInfo();
                if (userInfo != null) {
                    int colon = userInfo.indexOf(':');
                    user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                    if (colon >= 0) {
                        password = Optional.of(decode(userInfo.substring(colon + 1)));
                    }
                }
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
                String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                        + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                return new DatabaseUrl(jdbc, user, password);
            } catch (URISyntaxException | IllegalArgumentException e) {
                // The URL may carry a password: never echo it.
                throw new ConfigException("DATABASE_URL",
                        "must be a Postgres URL like postgresql://user:password@host:5432/db?sslmode=require");
            }
        }

        private static String decode(String part) {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        }
    }
}
