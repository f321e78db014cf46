package donna.backend.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.crypto.TokenCipher;
import donna.backend.outbound.OutboundAddressPolicy;
import donna.backend.support.Http;
import donna.testkit.webhooks.FakeWebhookReceiver;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestWebhooks {
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private final WebhookFixture f = new WebhookFixture(true);

    @AfterEach
    void close() {
        f.close();
    }

    private boolean signedWith(FakeWebhookReceiver.Received r, String secret) {
        return FakeWebhookReceiver.verify(r, "X-Donna-Signature", secret, f.clock.instant(), TOLERANCE);
    }

    private JsonNode deliveries(String user, String webhookId) {
        Http.Response r = f.get(user, "/api/webhooks/" + webhookId + "/deliveries");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("deliveries");
    }

    private int publish(String user, String type) {
        return f.service.service().webhookEvents().publish(f.userId(user), type,
                WebhookFixture.JSON.createObjectNode().put("lead_id", "L-1").put("name", "Ada Lovelace"));
    }

    @Test
    void webhooks_are_created_listed_and_deleted_by_their_owner_and_the_secret_is_shown_once() {
        JsonNode created = f.createWebhook("ann", "lead.created", "mail.sent", "lead.created");
        String id = created.path("webhook").path("id").asText();
        String secret = created.path("secret").asText();

        assertThat(created.path("success").asBoolean()).isTrue();
        assertThat(created.path("id").asText()).isEqualTo(id);
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(created.path("webhook").path("events")).extracting(JsonNode::asText)
                .containsExactly("lead.created", "mail.sent");
        assertThat(created.path("webhook").path("enabled").asBoolean()).isTrue();
        assertThat(created.path("webhook").has("secret")).isFalse();

        Http.Response listed = f.get("ann", "/api/webhooks");
        assertThat(listed.json().path("webhooks")).hasSize(1);
        assertThat(listed.json().path("webhooks").get(0).path("url").asText()).isEqualTo(f.receiver.url("/hooks/donna"));
        assertThat(listed.json().path("webhooks").get(0).path("recent_deliveries")).isEmpty();
        assertThat(listed.body()).doesNotContain(secret);
        // Encrypted at rest: the table holds a ciphertext, not the secret.
        String stored = f.jdbi().withHandle(h -> h.createQuery("select secret from webhooks").mapTo(String.class).one());
        assertThat(stored).startsWith("v1:").doesNotContain(secret.substring(6));

        assertThat(f.get("bob", "/api/webhooks").json().path("webhooks")).isEmpty();
        assertThat(f.delete("bob", "/api/webhooks/" + id).status()).isEqualTo(404);
        assertThat(f.get("bob", "/api/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
        assertThat(f.post("bob", "/api/webhooks/" + id + "/test", Map.of()).status()).isEqualTo(404);
        assertThat(f.delete("ann", "/api/webhooks/not-a-uuid").status()).isEqualTo(404);

        assertThat(f.delete("ann", "/api/webhooks/" + id).status()).isEqualTo(200);
        assertThat(f.get("ann", "/api/webhooks").json().path("webhooks")).isEmpty();
        assertThat(f.delete("ann", "/api/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void bad_subscriptions_are_400_naming_the_problem() {
        Http.Response unknown = f.post("ann", "/api/webhooks", Map.of("url", f.receiver.url("/h"),
                "events", List.of("lead.created", "lead.exploded")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("unknown_event");
        assertThat(unknown.json().path("error").path("message").asText()).contains("lead.exploded");

        Http.Response none = f.post("ann", "/api/webhooks", Map.of("url", f.receiver.url("/h"), "events", List.of()));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.errorCode()).isEqualTo("validation_failed");

        Http.Response notAList = f.post("ann", "/api/webhooks", Map.of("url", f.receiver.url("/h"),
                "events", Map.of("lead.created", true)));
        assertThat(notAList.status()).isEqualTo(400);

        Http.Response noUrl = f.post("ann", "/api/webhooks", Map.of("events", List.of("mail.sent")));
        assertThat(noUrl.errorCode()).isEqualTo("webhook_url_refused");
        assertThat(f.get("ann", "/api/webhooks").json().path("webhooks")).isEmpty();
    }

    @Test
    void a_delivery_is_signed_so_an_independent_receiver_verifies_it() {
        JsonNode created = f.createWebhook("ann", "lead.created");
        String secret = created.path("secret").asText();

        assertThat(publish("ann", "lead.created")).isEqualTo(1);
        assertThat(publish("ann", "mail.sent")).as("not subscribed").isZero();
        assertThat(publish("bob", "lead.created")).as("bob has no webhook").isZero();
        assertThat(f.worker().runDue()).isEqualTo(1);

        assertThat(f.receiver.requests()).hasSize(1);
        FakeWebhookReceiver.Received r = f.receiver.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/donna");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("X-Donna-Event")).isEqualTo("lead.created");
        assertThat(signedWith(r, secret)).isTrue();
        assertThat(signedWith(r, secret + "x")).as("another secret").isFalse();
        assertThat(FakeWebhookReceiver.verify(r, "X-Donna-Signature", secret, f.clock.instant().plusSeconds(3600),
                TOLERANCE)).as("replayed an hour later").isFalse();

        JsonNode payload;
        try {
            payload = WebhookFixture.JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(payload.path("id").asText()).isEqualTo(r.header("X-Donna-Delivery"));
        assertThat(payload.path("type").asText()).isEqualTo("lead.created");
        assertThat(payload.path("data").path("name").asText()).isEqualTo("Ada Lovelace");

        JsonNode log = deliveries("ann", created.path("id").asText());
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("id").asText()).isEqualTo(r.header("X-Donna-Delivery"));
        assertThat(log.get(0).path("status").asText()).isEqualTo("delivered");
        assertThat(log.get(0).path("last_status").asInt()).isEqualTo(200);
        assertThat(log.get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(f.worker().runDue()).as("nothing left").isZero();
        assertThat(f.get("ann", "/api/webhooks").json().path("webhooks").get(0).path("recent_deliveries"))
                .hasSize(1);
    }

    @Test
    void the_test_route_queues_a_signed_test_delivery() {
        JsonNode created = f.createWebhook("ann", "chat.turn");
        Http.Response test = f.post("ann", "/api/webhooks/" + created.path("id").asText() + "/test", Map.of());
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().path("delivery").path("status").asText()).isEqualTo("pending");
        assertThat(f.receiver.requests()).as("queued, not sent by the route").isEmpty();

        assertThat(f.worker().runDue()).isEqualTo(1);
        FakeWebhookReceiver.Received r = f.receiver.requests().get(0);
        assertThat(r.header("X-Donna-Event")).isEqualTo("webhook.test");
        assertThat(r.header("X-Donna-Delivery")).isEqualTo(test.json().path("delivery").path("id").asText());
        assertThat(signedWith(r, created.path("secret").asText())).isTrue();
    }

    @Test
    void a_500_is_retried_with_backoff_then_delivered_under_the_same_delivery_id() {
        JsonNode created = f.createWebhook("ann", "lead.updated");
        String id = created.path("id").asText();
        f.receiver.failNext(2);
        publish("ann", "lead.updated");
        WebhookWorker worker = f.worker();

        assertThat(worker.runDue()).isEqualTo(1);
        JsonNode first = deliveries("ann", id).get(0);
        assertThat(first.path("status").asText()).isEqualTo("pending");
        assertThat(first.path("last_status").asInt()).isEqualTo(500);
        assertThat(first.path("last_error").asText()).isEqualTo("HTTP 500");
        assertThat(first.path("attempts").asInt()).isEqualTo(1);
        assertThat(worker.runDue()).as("not due before its backoff").isZero();

        f.clock.advance(Duration.ofSeconds(30));
        assertThat(worker.runDue()).as("second attempt after 30 s").isEqualTo(1);
        f.clock.advance(Duration.ofSeconds(30));
        assertThat(worker.runDue()).as("the wait doubled to 60 s").isZero();
        f.clock.advance(Duration.ofSeconds(30));
        assertThat(worker.runDue()).isEqualTo(1);

        JsonNode done = deliveries("ann", id).get(0);
        assertThat(done.path("status").asText()).isEqualTo("delivered");
        assertThat(done.path("attempts").asInt()).isEqualTo(3);
        assertThat(done.has("last_error")).isFalse();
        List<FakeWebhookReceiver.Received> requests = f.receiver.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> r.header("X-Donna-Delivery")).containsOnly(done.path("id").asText());
        assertThat(requests).allMatch(r -> signedWith(r, created.path("secret").asText()));
        assertThat(f.get("ann", "/api/webhooks").json().path("webhooks").get(0).path("consecutive_failures").asInt())
                .isZero();
    }

    @Test
    void repeated_failures_disable_the_webhook_with_the_reason_shown() {
        JsonNode created = f.createWebhook("ann", "lead.created");
        String id = created.path("id").asText();
        f.receiver.failNext(1_000, 503);
        publish("ann", "lead.created");
        publish("ann", "lead.created");
        WebhookWorker worker = f.worker(WebhookWorker.Settings.defaults().withDisableAfter(3));

        assertThat(worker.runDue()).isEqualTo(2);
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(worker.runDue()).as("the third failure in a row disables; the other is not sent").isEqualTo(1);
        assertThat(f.receiver.requests()).hasSize(3);

        JsonNode hook = f.get("ann", "/api/webhooks").json().path("webhooks").get(0);
        assertThat(hook.path("enabled").asBoolean()).isFalse();
        assertThat(hook.path("disabled_reason").asText()).contains("3 failed deliveries in a row")
                .contains("HTTP 503");
        assertThat(deliveries("ann", id)).allMatch(d -> d.path("status").asText().equals("failed"));
        int sent = f.receiver.requests().size();

        f.clock.advance(Duration.ofHours(3));
        assertThat(worker.runDue()).isZero();
        assertThat(publish("ann", "lead.created")).as("a disabled webhook gets no new deliveries").isZero();
        assertThat(f.receiver.requests()).hasSize(sent);
        Http.Response test = f.post("ann", "/api/webhooks/" + id + "/test", Map.of());
        assertThat(test.status()).isEqualTo(409);
        assertThat(test.errorCode()).isEqualTo("webhook_disabled");
        assertThat(test.json().path("error").path("message").asText()).contains("HTTP 503");
    }

    @Test
    void a_delivery_is_retried_for_a_day_then_marked_failed() {
        JsonNode created = f.createWebhook("ann", "lead.created");
        f.receiver.failNext(10_000);
        publish("ann", "lead.created");
        WebhookWorker worker = f.worker(WebhookWorker.Settings.defaults().withDisableAfter(10_000));

        int attempts = 0;
        for (int hour = 0; hour < 30 && attempts < 100; hour++) {
            attempts += worker.runDue();
            f.clock.advance(Duration.ofHours(1));
        }
        JsonNode delivery = deliveries("ann", created.path("id").asText()).get(0);
        assertThat(delivery.path("status").asText()).isEqualTo("failed");
        // 30 s, 1, 2, 4, 8, 16, 32, 64 min, then every 2 h within the day: about twenty attempts, not hundreds.
        assertThat(delivery.path("attempts").asInt()).isBetween(10, 25).isEqualTo(attempts);
        assertThat(f.get("ann", "/api/webhooks").json().path("webhooks").get(0).path("enabled").asBoolean())
                .as("retried, not disabled (threshold not reached)").isTrue();
    }

    @Test
    void two_workers_on_one_database_deliver_each_event_once() throws Exception {
        f.createWebhook("ann", "chat.turn");
        f.createWebhook("ann", "chat.turn");
        for (int i = 0; i < 25; i++) {
            publish("ann", "chat.turn");
        }
        WebhookWorker a = f.worker(new WebhookWorker.Settings(5, Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofHours(2), Duration.ofDays(1), 15, Duration.ofSeconds(15)));
        WebhookWorker b = f.worker(new WebhookWorker.Settings(5, Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofHours(2), Duration.ofDays(1), 15, Duration.ofSeconds(15)));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> ra = pool.submit(() -> {
                go.await();
                return a.runDue();
            });
            Future<Integer> rb = pool.submit(() -> {
                go.await();
                return b.runDue();
            });
            go.countDown();
            assertThat(ra.get() + rb.get()).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }

        List<FakeWebhookReceiver.Received> requests = f.receiver.requests();
        assertThat(requests).hasSize(50);
        Set<String> ids = new HashSet<>();
        requests.forEach(r -> ids.add(r.header("X-Donna-Delivery")));
        assertThat(ids).hasSize(50);
        long pending = f.jdbi().withHandle(h -> h.createQuery(
                "select count(*) from webhook_deliveries where status <> 'delivered'").mapTo(Long.class).one());
        assertThat(pending).isZero();
        assertThat(a.runDue() + b.runDue()).isZero();
    }

    @Test
    void a_secret_under_a_previous_key_still_signs_moves_to_the_current_key_and_an_unknown_key_sends_nothing() {
        byte[] oldKey = new byte[32];
        byte[] newKey = new byte[32];
        new java.security.SecureRandom().nextBytes(oldKey);
        new java.security.SecureRandom().nextBytes(newKey);
        UUID ann = f.userId("ann");
        Webhook hook = new WebhookStore(f.jdbi(), new TokenCipher(oldKey, List.of()))
                .create(ann, f.receiver.url("/r"), List.of("mail.sent"), "whsec_rotated").orElseThrow();
        publish("ann", "mail.sent");

        WebhookWorker keyless = new WebhookWorker(f.jdbi(), new TokenCipher(newKey, List.of()),
                new OutboundAddressPolicy(true, OutboundAddressPolicy.Resolver.system()), f.clock,
                WebhookWorker.Settings.defaults());
        assertThat(keyless.runDue()).isEqualTo(1);
        assertThat(f.receiver.requests()).as("never sent unsigned").isEmpty();
        assertThat(deliveries("ann", hook.id().toString()).get(0).path("last_error").asText())
                .contains("cannot be decrypted");

        TokenCipher rotated = new TokenCipher(newKey, List.of(oldKey));
        WebhookWorker worker = new WebhookWorker(f.jdbi(), rotated,
                new OutboundAddressPolicy(true, OutboundAddressPolicy.Resolver.system()), f.clock,
                WebhookWorker.Settings.defaults());
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(signedWith(f.receiver.requests().get(0), "whsec_rotated")).isTrue();
        String stored = f.jdbi().withHandle(h -> h.createQuery("select secret from webhooks").mapTo(String.class)
                .one());
        assertThat(rotated.isCurrent(stored)).isTrue();
    }

    @Test
    void the_services_own_poller_delivers_and_on_the_desktop_starts_with_the_first_webhook() throws Exception {
        try (WebhookFixture desktop = new WebhookFixture(c -> c.withFootprint(
                donna.backend.config.BackendConfig.Footprint.DESKTOP).withWebhooks(
                new donna.backend.config.BackendConfig.Webhooks(true, Duration.ofMillis(100))))) {
            long pollers = pollerThreads();
            JsonNode created = desktop.createWebhook("local", "message.taken");
            assertThat(pollerThreads()).as("the first webhook starts the desktop's poller").isEqualTo(pollers + 1);
            Http.Response test = desktop.post("local", "/api/webhooks/" + created.path("id").asText() + "/test",
                    Map.of());
            assertThat(test.status()).isEqualTo(200);

            assertThat(desktop.receiver.awaitRequests(1, Duration.ofSeconds(30))).isTrue();
            FakeWebhookReceiver.Received r = desktop.receiver.requests().get(0);
            assertThat(r.header("X-Donna-Delivery")).isEqualTo(test.json().path("delivery").path("id").asText());
            assertThat(FakeWebhookReceiver.verify(r, "X-Donna-Signature", created.path("secret").asText(),
                    java.time.Instant.now(), TOLERANCE)).isTrue();
        }
    }

    private static long pollerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("webhook-deliveries"))
                .count();
    }

    @Test
    void publishing_an_unknown_type_is_a_callers_bug() {
        UUID ann = f.userId("ann");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.service.service().webhookEvents().publish(ann,
                "lead.exploded", WebhookFixture.JSON.createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lead.exploded");
    }
}
