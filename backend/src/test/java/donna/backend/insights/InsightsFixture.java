package donna.backend.insights;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.config.BackendConfig;
import donna.backend.db.Database;
import donna.backend.support.Await;
import donna.backend.support.Http;
import donna.backend.support.SharedPostgres;
import donna.backend.support.TestService;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** What the insights tests share: keys, tracking, a database of their own, a clock they move. */
final class InsightsFixture {
    static final String TRACK = "/api/v1/conversations/track";

    private InsightsFixture() {}

    /** A new API key of {@code user} (the internal caller acting for them); returns the whole key. */
    static String createKey(Http http, String user) {
        Http.Response created = http.post("/api/v1/api-keys", "{\"name\":\"test app\"}", internalAs(user));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("secret").asText();
    }

    static Http.Response track(Http http, String key, String body) {
        return http.post(TRACK, body, "Authorization", "Bearer " + key);
    }

    static String message(String role, String content, Instant at) {
        return "{\"role\":\"" + role + "\",\"content\":\"" + content + "\",\"timestamp\":\"" + at + "\"}";
    }

    static String body(String externalId, String... messages) {
        return "{\"external_id\":\"" + externalId + "\",\"messages\":[" + String.join(",", messages) + "]}";
    }

    static Http.Response send(Http http, String method, String path, String body, String... headers) {
        return http.send(b -> b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"), path,
                headers);
    }

    /** Runs the service's pipeline until {@code done}: its own background worker may have taken a job first. */
    static void pipelineUntil(TestService service, String what, BooleanSupplier done) {
        Await.until(Duration.ofSeconds(30), what, () -> {
            service.service().insights().runDueJobs();
            return done.getAsBoolean();
        });
    }

    static JsonNode conversation(TestService service, String user, String id) {
        return service.http().get("/api/v1/conversations/" + id, internalAs(user)).json().path("conversation");
    }

    /** A migrated database of its own on the shared Postgres, without a service on it. */
    static Database database(Path dir) {
        return Database.open(config(dir, SharedPostgres.newDatabase()));
    }

    static BackendConfig config(Path dir, String databaseUrl) {
        BackendConfig base = BackendConfig.loopback(dir, TestService.SECRET);
        return new BackendConfig(base.host(), 0, Optional.of(databaseUrl), Optional.empty(), Optional.empty(), dir,
                TestService.SECRET, List.of(), Optional.empty(), 1_000, base.maxBodyBytes(), false, "",
                base.openai(), base.google());
    }

    static UUID user(Database database, String clerkId) {
        return database.jdbi().withHandle(h -> h.createQuery(
                "insert into users (clerk_id) values (:c) returning id").bind("c", clerkId).mapTo(UUID.class).one());
    }

    /** A clock the test moves by hand: retries' backoff and idle times pass without waiting. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
