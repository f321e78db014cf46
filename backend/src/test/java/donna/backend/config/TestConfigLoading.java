package donna.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestConfigLoading {
    private static final String SECRET = "a-long-enough-secret-123";
    private static final String KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80="; // base64 of 32 bytes

    private static BackendConfig load(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("API_SECRET", SECRET);
        env.put("HOME", "/home/someone");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return new ConfigLoader(env).load();
    }

    private static void assertRejected(String variable, String... pairs) {
        assertThatThrownBy(() -> load(pairs)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo(variable))
                .hasMessageStartingWith(variable + ": ").hasMessageNotContaining("\n");
    }

    @Test
    void defaults_give_port_8787_embedded_database_and_no_clerk() {
        BackendConfig config = load("DONNA_DATA_DIR", "/tmp/donna-x");
        assertThat(config.port()).isEqualTo(8787);
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/donna-x"));
        assertThat(config.clerk()).isEmpty();
        assertThat(config.rateLimitPerMinute()).isEqualTo(60);
        assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.sentryDsn()).isEmpty();
    }

    @Test
    void webhooks_reach_loopback_only_when_allowed_and_poll_every_few_seconds() {
        assertThat(load().webhooks()).isEqualTo(BackendConfig.Webhooks.defaults());
        assertThat(load().webhooks().allowLoopback()).isFalse();
        BackendConfig set = load("WEBHOOKS_ALLOW_LOOPBACK", "true", "WEBHOOKS_POLL_SECONDS", "0");
        assertThat(set.webhooks().allowLoopback()).isTrue();
        assertThat(set.webhooks().pollInterval()).isZero();
        assertThat(set.withPort(9).webhooks()).as("kept through the with* copies").isEqualTo(set.webhooks());
        assertRejected("WEBHOOKS_ALLOW_LOOPBACK", "WEBHOOKS_ALLOW_LOOPBACK", "sure");
        assertRejected("WEBHOOKS_POLL_SECONDS", "WEBHOOKS_POLL_SECONDS", "-1");
    }

    @Test
    void embeddings_are_off_unless_feature_embeddings_is_true() {
        assertThat(load().features().embeddings()).isFalse();
        assertThat(load("FEATURE_EMBEDDINGS", "false").features().embeddings()).isFalse();
        BackendConfig on = load("FEATURE_EMBEDDINGS", "TRUE");
        assertThat(on.features().embeddings()).isTrue();
        assertThat(on.withPort(9).withElevenLabs(BackendConfig.ElevenLabs.off()).features().embeddings())
                .as("kept through the with* copies").isTrue();
        assertRejected("FEATURE_EMBEDDINGS", "FEATURE_EMBEDDINGS", "1");
    }

    @Test
    void a_build_without_the_embedded_database_needs_database_url() {
        assertRejected("DATABASE_URL", "DONNA_EMBEDDED_DATABASE", "off");
        assertThat(load("DONNA_EMBEDDED_DATABASE", "off", "DATABASE_URL", "postgresql://u:p@db:5432/donna",
                "TOKEN_ENCRYPTION_KEY", KEY).databaseUrl()).contains("jdbc:postgresql://db:5432/donna");
        assertThat(load("DONNA_EMBEDDED_DATABASE", "on").databaseUrl()).isEmpty();
    }

    @Test
    void a_missing_or_short_api_secret_is_named() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load()).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("API_SECRET: is required");
        assertRejected("API_SECRET", "API_SECRET", "short");
    }

    @Test
    void malformed_numbers_are_named_with_the_bad_value() {
        assertRejected("PORT", "PORT", "eighty");
        assertRejected("PORT", "PORT", "70000");
        assertRejected("RATE_LIMIT_PER_MINUTE", "RATE_LIMIT_PER_MINUTE", "0");
    }

    @Test
    void origins_must_be_bare_origins() {
        assertThat(load("ALLOWED_ORIGINS", "http://localhost:3000, https://app.example.com").allowedOrigins())
                .containsExactly("http://localhost:3000", "https://app.example.com");
        assertRejected("ALLOWED_ORIGINS", "ALLOWED_ORIGINS", "https://app.example.com/path");
        assertRejected("ALLOWED_ORIGINS", "ALLOWED_ORIGINS", "not a url");
    }

    @Test
    void clerk_needs_an_issuer_with_its_jwks_url() {
        assertRejected("CLERK_ISSUER", "CLERK_JWKS_URL", "https://clerk.example.com/.well-known/jwks.json");
        BackendConfig config = load("CLERK_JWKS_URL", "https://clerk.example.com/.well-known/jwks.json",
                "CLERK_ISSUER", "https://clerk.example.com", "CLERK_AUTHORIZED_PARTIES", "https://app.example.com",
                "CLERK_OAUTH_CLIENT_ID", "client_1");
        assertThat(config.clerk()).hasValueSatisfying(clerk -> {
            assertThat(clerk.issuer()).isEqualTo("https://clerk.example.com");
            assertThat(clerk.authorizedParties()).containsExactly("https://app.example.com");
            assertThat(clerk.oauthClientId()).contains("client_1");
            assertThat(clerk.oauthRedirectUri()).hasToString("http://127.0.0.1:47823/callback");
        });
        assertRejected("CLERK_JWKS_URL", "CLERK_JWKS_URL", "ftp://x", "CLERK_ISSUER", "https://c");
    }

    @Test
    void without_clerk_authorized_parties_session_tokens_must_come_from_an_allowed_origin() {
        BackendConfig config = load("CLERK_JWKS_URL", "https://clerk.example.com/.well-known/jwks.json",
                "CLERK_ISSUER", "https://clerk.example.com", "ALLOWED_ORIGINS", "https://app.example.com");
        assertThat(config.clerk().orElseThrow().authorizedParties()).containsExactly("https://app.example.com");
        BackendConfig neither = load("CLERK_JWKS_URL", "https://clerk.example.com/.well-known/jwks.json",
                "CLERK_ISSUER", "https://clerk.example.com");
        assertThat(neither.clerk().orElseThrow().authorizedParties()).as("no session token is accepted").isEmpty();
    }

    @Test
    void the_desktop_redirect_must_be_a_fixed_loopback_port() {
        String[] clerk = {"CLERK_JWKS_URL", "https://c.example.com/jwks", "CLERK_ISSUER", "https://c.example.com"};
        assertThat(load(concat(clerk, "CLERK_OAUTH_REDIRECT_URI", "http://127.0.0.1:5000/cb")).clerk().orElseThrow()
                .oauthRedirectUri()).hasToString("http://127.0.0.1:5000/cb");
        for (String bad : new String[] {"http://127.0.0.1/cb", "https://127.0.0.1:5000/cb", "http://example.com:5000/cb"}) {
            assertRejected("CLERK_OAUTH_REDIRECT_URI", concat(clerk, "CLERK_OAUTH_REDIRECT_URI", bad));
        }
    }

    @Test
    void the_relay_is_off_unless_enabled_and_its_limits_are_read_and_checked() {
        BackendConfig.Relay off = load().openai().realtime().relay();
        assertThat(off.enabled()).isFalse();

        BackendConfig.Relay on = load("ENABLE_WS_PROXY", "true", "WS_PROXY_MAX_CONNECTIONS", "7",
                "WS_PROXY_MAX_CONNECTIONS_PER_USER", "1", "WS_PROXY_IDLE_SECONDS", "30", "WS_PROXY_MAX_MINUTES", "10")
                .openai().realtime().relay();
        assertThat(on).isEqualTo(new BackendConfig.Relay(true, 7, 1, java.time.Duration.ofSeconds(30),
                java.time.Duration.ofMinutes(10)));
        assertRejected("ENABLE_WS_PROXY", "ENABLE_WS_PROXY", "sometimes");
        assertRejected("WS_PROXY_MAX_CONNECTIONS_PER_USER", "WS_PROXY_MAX_CONNECTIONS_PER_USER", "0");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void a_supabase_connection_string_becomes_jdbc_with_sslmode_kept() {
        BackendConfig config = load("TOKEN_ENCRYPTION_KEY", KEY, "DATABASE_URL",
                "postgresql://postgres.abc:p%40ss%3Aword@aws-0-eu.pooler.supabase.com:6543/postgres?sslmode=require");
        assertThat(config.databaseUrl())
                .contains("jdbc:postgresql://aws-0-eu.pooler.supabase.com:6543/postgres?sslmode=require");
        assertThat(config.databaseUser()).contains("postgres.abc");
        assertThat(config.databasePassword()).contains("p@ss:word");
    }

    @Test
    void secrets_never_appear_in_errors_or_in_the_printed_config() {
        assertThatThrownBy(() -> load("DATABASE_URL", "mysql://root:hunter2secret@db/x"))
                .hasMessageStartingWith("DATABASE_URL: ").hasMessageNotContaining("hunter2secret");
        assertThatThrownBy(() -> load("SENTRY_DSN", "nonsense-key-abcdef"))
                .hasMessageStartingWith("SENTRY_DSN: ").hasMessageNotContaining("nonsense-key-abcdef");
        assertThat(load("DATABASE_URL", "postgres://u:hunter2secret@db/x", "TOKEN_ENCRYPTION_KEY", KEY,
                "GOOGLE_CLIENT_ID", "id.apps.googleusercontent.com", "GOOGLE_CLIENT_SECRET", "gsecret-hunter3")
                .toString()).doesNotContain("hunter2secret").doesNotContain(SECRET).doesNotContain(KEY)
                .doesNotContain("gsecret-hunter3");
        assertThatThrownBy(() -> load("TOKEN_ENCRYPTION_KEY", "c2hvcnQta2V5LXZhbHVl"))
                .hasMessageStartingWith("TOKEN_ENCRYPTION_KEY: ").hasMessageNotContaining("c2hvcnQta2V5LXZhbHVl");
    }

    @Test
    void google_defaults_point_at_google_and_gmail_is_off_without_a_client() {
        BackendConfig.Google google = load().google();
        assertThat(google.configured()).isFalse();
        assertThat(google.authUrl()).hasToString("https://accounts.google.com/o/oauth2/v2/auth");
        assertThat(google.tokenUrl()).hasToString("https://oauth2.googleapis.com/token");
        assertThat(google.gmailRootUrl()).hasToString("https://gmail.googleapis.com");
        assertThat(google.tokenEncryptionKey()).as("embedded: the key file in the data folder").isEmpty();
        assertThat(google.quotaUnitsPerWindow()).isEqualTo(15_000);
    }

    @Test
    void google_endpoints_and_client_are_configurable() {
        BackendConfig.Google google = load("GOOGLE_CLIENT_ID", "id.apps.googleusercontent.com",
                "GOOGLE_CLIENT_SECRET", "s", "GOOGLE_AUTH_URL", "http://127.0.0.1:9000/auth/",
                "GOOGLE_TOKEN_URL", "http://127.0.0.1:9000/token", "GMAIL_ROOT_URL", "http://127.0.0.1:9000/",
                "TOKEN_ENCRYPTION_KEY", KEY, "TOKEN_ENCRYPTION_PREVIOUS_KEYS", KEY.replace('q', 'Q'),
                "GMAIL_AUTOPILOT_INTERVAL_SECONDS", "60").google();
        assertThat(google.configured()).isTrue();
        assertThat(google.authUrl()).hasToString("http://127.0.0.1:9000/auth");
        assertThat(google.gmailRootUrl()).hasToString("http://127.0.0.1:9000");
        assertThat(google.tokenEncryptionKey()).contains(KEY);
        assertThat(google.previousEncryptionKeys()).hasSize(1);
        assertThat(google.autopilotInterval()).hasSeconds(60);
    }

    @Test
    void google_and_token_key_values_are_validated_one_variable_at_a_time() {
        assertRejected("GOOGLE_CLIENT_SECRET", "GOOGLE_CLIENT_ID", "id.apps.googleusercontent.com");
        assertRejected("GOOGLE_TOKEN_URL", "GOOGLE_TOKEN_URL", "ftp://example.com/token");
        assertRejected("GMAIL_ROOT_URL", "GMAIL_ROOT_URL", "not a url");
        assertRejected("GOOGLE_AUTH_URL", "GOOGLE_AUTH_URL", "accounts.google.com");
        assertRejected("TOKEN_ENCRYPTION_KEY", "TOKEN_ENCRYPTION_KEY", "not base64!");
        assertRejected("TOKEN_ENCRYPTION_KEY", "TOKEN_ENCRYPTION_KEY", "AAAA");
        assertRejected("TOKEN_ENCRYPTION_PREVIOUS_KEYS", "TOKEN_ENCRYPTION_PREVIOUS_KEYS", KEY + ",AAAA");
        assertRejected("GMAIL_QUOTA_UNITS_PER_MINUTE", "GMAIL_QUOTA_UNITS_PER_MINUTE", "lots");
    }

    @Test
    void a_shared_database_needs_a_shared_token_key() {
        assertRejected("TOKEN_ENCRYPTION_KEY", "DATABASE_URL", "postgresql://u:p@db.example.com/x");
        assertThat(load("DATABASE_URL", "postgresql://u:p@db.example.com/x", "TOKEN_ENCRYPTION_KEY", KEY)
                .google().tokenEncryptionKey()).contains(KEY);
    }

    @Test
    void elevenlabs_is_off_without_a_key_and_its_settings_are_read_and_checked() {
        BackendConfig.ElevenLabs off = load().elevenLabs();
        assertThat(off.enabled()).isFalse();
        assertThat(off.voiceId()).isEqualTo("JBFqnCBsd6RMkjVDRZzb");
        assertThat(off.model()).isEqualTo("eleven_flash_v2_5");
        assertThat(off.baseUrl()).hasToString("https://api.elevenlabs.io");

        BackendConfig set = load("ELEVENLABS_API_KEY", "sk_el_hunter4secret", "ELEVENLABS_VOICE_ID",
                "21m00Tcm4TlvDq8ikWAM", "ELEVENLABS_MODEL", "eleven_turbo_v2_5", "ELEVENLABS_BASE_URL",
                "http://127.0.0.1:9911/");
        assertThat(set.elevenLabs().enabled()).isTrue();
        assertThat(set.elevenLabs().apiKey()).contains("sk_el_hunter4secret");
        assertThat(set.elevenLabs().voiceId()).isEqualTo("21m00Tcm4TlvDq8ikWAM");
        assertThat(set.elevenLabs().model()).isEqualTo("eleven_turbo_v2_5");
        assertThat(set.elevenLabs().baseUrl()).hasToString("http://127.0.0.1:9911");
        assertThat(set.withPort(9).withOpenAi(BackendConfig.OpenAi.defaults()).elevenLabs())
                .as("kept through the with* copies").isEqualTo(set.elevenLabs());
        assertThat(set.toString()).doesNotContain("hunter4secret");
        assertThat(set.elevenLabs().toString()).doesNotContain("hunter4secret").contains("key=set");

        assertRejected("ELEVENLABS_VOICE_ID", "ELEVENLABS_VOICE_ID", "../v1/user");
        assertRejected("ELEVENLABS_MODEL", "ELEVENLABS_MODEL", "eleven flash");
        assertRejected("ELEVENLABS_BASE_URL", "ELEVENLABS_BASE_URL", "ftp://api.elevenlabs.io");
        assertThatThrownBy(() -> load("ELEVENLABS_API_KEY", "sk_el hunter5secret"))
                .hasMessageStartingWith("ELEVENLABS_API_KEY: ").hasMessageNotContaining("hunter5secret");
    }
}
