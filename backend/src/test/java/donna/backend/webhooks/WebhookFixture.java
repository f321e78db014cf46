package donna.backend.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.config.BackendConfig;
import donna.backend.crypto.TokenKeys;
import donna.backend.http.Json;
import donna.backend.outbound.OutboundAddressPolicy;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.testkit.webhooks.FakeWebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;

/**
 * A service whose own poller is off (WEBHOOKS_POLL_SECONDS=0), so tests drive delivery with workers of their own on
 * its database, each with a clock the test moves; and a receiver on loopback.
 */
final class WebhookFixture implements AutoCloseable {
    static final ObjectMapper JSON = Json.newMapper();

    final Path dir;
    final TestService service;
    final FakeWebhookReceiver receiver = FakeWebhookReceiver.start();
    final MovableClock clock = new MovableClock(Instant.now().plus(Duration.ofMinutes(10)));

    WebhookFixture(boolean allowLoopback) {
        this(c -> c.withWebhooks(new BackendConfig.Webhooks(allowLoopback, Duration.ZERO)));
    }

    WebhookFixture(UnaryOperator<BackendConfig> tweak) {
        try {
            dir = Files.createTempDirectory("donna-webhooks-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = TestService.start(dir, tweak, java.util.List.of());
    }

    Jdbi jdbi() {
        return service.service().database().jdbi();
    }

    /** A worker like each instance's, on this service's database and token key, with the test's clock. */
    WebhookWorker worker(WebhookWorker.Settings settings) {
        return new WebhookWorker(jdbi(), TokenKeys.cipher(BackendConfig.loopback(dir, TestService.SECRET)),
                new OutboundAddressPolicy(true, OutboundAddressPolicy.Resolver.system()), clock, settings);
    }

    WebhookWorker worker() {
        return worker(WebhookWorker.Settings.defaults());
    }

    UUID userId(String user) {
        get(user, "/api/me");
        return jdbi().withHandle(h -> h.createQuery("select id from users where clerk_id = :c").bind("c", user)
                .mapTo(UUID.class).one());
    }

    Http.Response get(String user, String path) {
        return service.http().get(path, TestService.internalAs(user));
    }

    Http.Response post(String user, String path, Object body) {
        return service.http().post(path, json(body), TestService.internalAs(user));
    }

    Http.Response delete(String user, String path) {
        return service.http().send(b -> b.method("DELETE", HttpRequest.BodyPublishers.noBody()), path,
                TestService.internalAs(user));
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a webhook to the receiver and returns the answer (id, webhook, secret). */
    JsonNode createWebhook(String user, String... events) {
        Http.Response r = post(user, "/api/webhooks", java.util.Map.of("url", receiver.url("/hooks/donna"),
                "events", java.util.List.of(events)));
        if (r.status() != 200) {
            throw new AssertionError("create failed: " + r.body());
        }
        return r.json();
    }

    @Override
    public void close() {
        service.close();
        receiver.close();
    }

    /** A clock that moves only when the test says so; it starts ahead of the service's, so what it queued is due. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
