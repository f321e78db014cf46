package donna.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestConfigLoading {
    private static final String SECRET = "a-long-enough-secret-123";

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
    void the_desktop_redirect_must_be_a_fixed_loopback_port() {
        String[] clerk = {"CLERK_JWKS_URL", "https://c.example.com/jwks", "CLERK_ISSUER", "https://c.example.com"};
        assertThat(load(concat(clerk, "CLERK_OAUTH_REDIRECT_URI", "http://127.0.0.1:5000/cb")).clerk().orElseThrow()
                .oauthRedirectUri()).hasToString("http://127.0.0.1:5000/cb");
        for (String bad : new String[] {"http://127.0.0.1/cb", "https://127.0.0.1:5000/cb", "http://example.com:5000/cb"}) {
            assertRejected("CLERK_OAUTH_REDIRECT_URI", concat(clerk, "CLERK_OAUTH_REDIRECT_URI", bad));
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void a_supabase_connection_string_becomes_jdbc_with_sslmode_kept() {
        BackendConfig config = load("DATABASE_URL",
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
        assertThat(load("DATABASE_URL", "postgres://u:hunter2secret@db/x").toString())
                .doesNotContain("hunter2secret").doesNotContain(SECRET);
    }
}
