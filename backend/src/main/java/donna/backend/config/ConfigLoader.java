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
        Path dataDir = text("DONNA_DATA_DIR").map(ConfigLoader::absolutePath)
                .orElseGet(() -> UserDataFolder.forThisMachine(env));
        String apiSecret = text("API_SECRET").orElseThrow(() -> new ConfigException("API_SECRET",
                "is required (a random string of at least " + MIN_SECRET_LENGTH + " characters)"));
        if (apiSecret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException("API_SECRET", "must be at least " + MIN_SECRET_LENGTH + " characters long");
        }
        List<String> origins = list("ALLOWED_ORIGINS").stream().map(ConfigLoader::origin).toList();
        Optional<BackendConfig.Clerk> clerk = clerk();
        int rate = integer("RATE_LIMIT_PER_MINUTE", BackendConfig.DEFAULT_RATE_LIMIT_PER_MINUTE, 1, 1_000_000);
        long maxBody = integer("MAX_BODY_BYTES", (int) BackendConfig.DEFAULT_MAX_BODY_BYTES, 1024, 64 * 1024 * 1024);
        boolean trustProxy = bool("TRUST_PROXY");
        String sentryDsn = text("SENTRY_DSN").map(ConfigLoader::sentryDsn).orElse("");
        return new BackendConfig(host, port, database.map(DatabaseUrl::jdbcUrl),
                database.flatMap(DatabaseUrl::user), database.flatMap(DatabaseUrl::password), dataDir, apiSecret,
                origins, clerk, rate, maxBody, trustProxy, sentryDsn, openAi());
    }

    private Optional<BackendConfig.Clerk> clerk() {
        Optional<URI> jwks = text("CLERK_JWKS_URL").map(v -> httpUrl("CLERK_JWKS_URL", v));
        if (jwks.isEmpty()) {
            return Optional.empty();
        }
        String issuer = text("CLERK_ISSUER").orElseThrow(
                () -> new ConfigException("CLERK_ISSUER", "is required when CLERK_JWKS_URL is set"));
        httpUrl("CLERK_ISSUER", issuer);
        List<String> parties = list("CLERK_AUTHORIZED_PARTIES").stream().map(ConfigLoader::origin).toList();
        return Optional.of(new BackendConfig.Clerk(jwks.get(), issuer, parties, text("CLERK_OAUTH_CLIENT_ID")));
    }

    private BackendConfig.OpenAi openAi() {
        BackendConfig.OpenAi defaults = BackendConfig.OpenAi.defaults();
        URI base = text("OPENAI_BASE_URL").map(v -> httpUrl("OPENAI_BASE_URL", stripSlash(v)))
                .orElse(defaults.baseUrl());
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
                integer("REALTIME_RATE_LIMIT_PER_MINUTE", defaults.rateLimitPerMinute(), 1, 100_000));
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

    private boolean bool(String name) {
        String value = text(name).orElse("false").toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name, "must be true or false (got \"" + value + "\")");
        };
    }

    private static Path absolutePath(String value) {
        return Path.of(value).toAbsolutePath().normalize();
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
