package donna.backend.insights;

import static donna.backend.insights.InsightsFixture.body;
import static donna.backend.insights.InsightsFixture.createKey;
import static donna.backend.insights.InsightsFixture.message;
import static donna.backend.insights.InsightsFixture.send;
import static donna.backend.insights.InsightsFixture.track;
import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestApiKeys {
    @TempDir
    static Path dir;
    static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(dir);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String someConversation() {
        return body("conv-" + System.nanoTime(), message("user", "hello", Instant.parse("2026-12-01T10:00:00Z")));
    }

    @Test
    void a_created_key_is_shown_once_and_only_its_slow_hash_is_stored() {
        Http.Response created = service.http().post("/api/v1/api-keys", "{\"name\":\"  my bot \"}",
                internalAs("alice"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode json = created.json();
        assertThat(json.path("success").asBoolean()).isTrue();
        String secret = json.path("secret").asText();
        JsonNode key = json.path("api_key");
        assertThat(key.path("name").asText()).isEqualTo("my bot");
        assertThat(key.path("prefix").asText()).matches("dk_[a-z0-9]{12}");
        assertThat(secret).startsWith(key.path("prefix").asText() + "_").hasSize(15 + 1 + 43);
        assertThat(key.has("id")).isTrue();
        assertThat(key.has("created_at")).isTrue();
        assertThat(key.has("last_used_at")).isTrue();

        String stored = service.service().database().jdbi().withHandle(h -> h.createQuery(
                "select secret_hash from api_keys where prefix = :p").bind("p", key.path("prefix").asText())
                .mapTo(String.class).one());
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(secret)
                .doesNotContain(secret.substring(16));
        assertThat(SecretHash.matches(secret, stored)).isTrue();
        assertThat(SecretHash.matches(secret + "x", stored)).isFalse();

        Http.Response listed = service.http().get("/api/v1/api-keys", internalAs("alice"));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(secret.substring(16)).doesNotContain("argon2").doesNotContain(
                "secret");
        assertThat(listed.json().path("api_keys").findValuesAsText("prefix")).contains(key.path("prefix").asText());
    }

    @Test
    void a_key_authenticates_tracking_and_its_use_shows_in_last_used_at() {
        String key = createKey(service.http(), "carol");
        Http.Response tracked = track(service.http(), key, someConversation());
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        JsonNode listed = service.http().get("/api/v1/api-keys", internalAs("carol")).json().path("api_keys");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("last_used_at").isTextual()).as(listed.toString()).isTrue();
    }

    @Test
    void revocation_takes_effect_at_once_even_for_a_key_just_verified() {
        String key = createKey(service.http(), "dave");
        assertThat(track(service.http(), key, someConversation()).status()).isEqualTo(200);
        String id = service.http().get("/api/v1/api-keys", internalAs("dave")).json().path("api_keys").get(0)
                .path("id").asText();

        assertThat(send(service.http(), "DELETE", "/api/v1/api-keys/" + id, null, internalAs("dave")).status())
                .isEqualTo(200);

        Http.Response refused = track(service.http(), key, someConversation());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("unauthorized");
        assertThat(service.http().get("/api/v1/api-keys", internalAs("dave")).json().path("api_keys")).isEmpty();
        assertThat(send(service.http(), "DELETE", "/api/v1/api-keys/" + id, null, internalAs("dave")).status())
                .as("already revoked").isEqualTo(404);
    }

    @Test
    void a_verified_key_is_not_hashed_again_but_a_revocation_elsewhere_holds_within_seconds(@TempDir Path own) {
        InsightsFixture.MovableClock clock = new InsightsFixture.MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (donna.backend.db.Database db = InsightsFixture.database(own)) {
            java.util.UUID owner = InsightsFixture.user(db, "erin");
            // Two instances of a shared deployment on one database.
            ApiKeys one = new ApiKeys(db.jdbi(), clock);
            ApiKeys two = new ApiKeys(db.jdbi(), clock);
            ApiKeys.Created created = one.create(owner, "app");
            String key = created.secret();

            assertThat(one.verify(key)).map(ApiKeys.Verified::ownerId).contains(owner);
            assertThat(one.verify(key)).isPresent();
            clock.advance(ApiKeys.CACHE_FOR.plusSeconds(1));
            assertThat(one.verify(key)).as("live: checked again without hashing").isPresent();
            assertThat(one.hashChecks()).isEqualTo(1);
            assertThat(one.verify(key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A")))
                    .as("another secret under the same prefix").isEmpty();

            assertThat(two.revoke(owner, created.key().id())).isTrue();
            assertThat(two.verify(key)).as("revoked on the instance that revoked it").isEmpty();
            assertThat(one.verify(key)).as("the other instance: within its few seconds").isPresent();
            clock.advance(ApiKeys.CACHE_FOR.plusSeconds(1));
            assertThat(one.verify(key)).as("the other instance, after them").isEmpty();
            assertThat(one.verify(key)).isEmpty();

            ApiKeys.Created again = one.create(owner, "app 2");
            assertThat(one.verify(again.secret())).isPresent();
            clock.advance(ApiKeys.REMEMBER_FOR.plusMinutes(1));
            long before = one.hashChecks();
            assertThat(one.verify(again.secret())).as("forgotten after long unused: hashed again").isPresent();
            assertThat(one.hashChecks()).isEqualTo(before + 1);
        }
    }

    @Test
    void another_owner_cannot_revoke_a_key() {
        String key = createKey(service.http(), "erin");
        String id = service.http().get("/api/v1/api-keys", internalAs("erin")).json().path("api_keys").get(0)
                .path("id").asText();
        assertThat(send(service.http(), "DELETE", "/api/v1/api-keys/" + id, null, internalAs("frank")).status())
                .isEqualTo(404);
        assertThat(track(service.http(), key, someConversation()).status()).isEqualTo(200);
    }

    @Test
    void unknown_malformed_missing_or_non_key_credentials_are_401() {
        String key = createKey(service.http(), "gina");
        String wrongSecret = key.substring(0, 16) + "A".repeat(43);
        for (String bad : List.of(wrongSecret, "dk_aaaaaaaaaaaa_" + "B".repeat(43), "nonsense", "")) {
            Http.Response refused = track(service.http(), bad, someConversation());
            assertThat(refused.status()).as(bad).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("unauthorized");
        }
        assertThat(service.http().post(InsightsFixture.TRACK, someConversation()).status()).isEqualTo(401);
        // Only POST skips the Clerk gate: another method on the path is gated like any route.
        assertThat(service.http().get(InsightsFixture.TRACK).status()).isEqualTo(401);
        Http.Response gated = service.http().get(InsightsFixture.TRACK, internalAs("gina"));
        assertThat(gated.status()).as(gated.body()).isIn(404, 405);
        // The internal secret (or a Clerk token) is not an API key: the track route takes keys only.
        assertThat(service.http().post(InsightsFixture.TRACK, someConversation(), internalAs("gina")).status())
                .isEqualTo(401);
    }

    @Test
    void a_key_needs_a_name() {
        for (String bad : List.of("{}", "{\"name\":\"  \"}", "{\"name\":\"" + "x".repeat(101) + "\"}")) {
            Http.Response refused = service.http().post("/api/v1/api-keys", bad, internalAs("hank"));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("validation_failed");
        }
    }
}
