package donna.backend.insights;

import static donna.backend.insights.InsightsFixture.body;
import static donna.backend.insights.InsightsFixture.message;
import static donna.backend.insights.InsightsFixture.send;
import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.config.BackendConfig;
import donna.backend.db.Database;
import donna.backend.http.Json;
import donna.backend.outbound.OutboundAddressPolicy;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.backend.webhooks.EventTypes;
import donna.backend.webhooks.WebhookEvents;
import donna.testkit.slack.FakeSlack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class TestInsightsAlerts {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final Insights.Options MANUAL = new Insights.Options(Duration.ofMinutes(30), Duration.ofSeconds(1),
            Duration.ofMinutes(5), false);
    /** Words of the conversation that must never reach Slack. */
    private static final String PRIVATE = "PINEAPPLE-4711";

    @TempDir
    Path dir;
    private FakeSlack slack;
    private InsightsFixture.MovableClock clock;

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        clock = new InsightsFixture.MovableClock(T.plusSeconds(60));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    // ---- the pipeline, driven by hand over a database of its own ----

    private Insights insights(Database db, boolean allowLoopback) {
        return Insights.withAlerting(db.jdbi(), clock, MANUAL, new Insights.Alerting(
                new WebhookEvents(db.jdbi(), Json.newMapper(), clock),
                new OutboundAddressPolicy(allowLoopback, OutboundAddressPolicy.Resolver.system()), Duration.ofHours(1)));
    }

    private static void settings(Database db, UUID owner, Integer below, List<String> kinds, String url) {
        db.jdbi().useHandle(h -> h.createUpdate("""
                insert into insights_settings (owner_id, alert_health_below, alert_on_failure_kinds, slack_webhook_url)
                values (:o, :b, cast(:k as jsonb), :u)""")
                .bind("o", owner).bind("b", below).bind("k", Json.newMapper().valueToTree(kinds).toString())
                .bind("u", url).execute());
    }

    private static UUID ingest(Insights insights, UUID owner, String externalId, Incoming... messages) {
        return insights.ingestion().ingest(owner, Ingestion.Source.API, externalId, List.of(messages), null, false)
                .conversationId();
    }

    /** A conversation whose assistant reports an error (assistant_error, high: health 75), with private words. */
    private static UUID failing(Insights insights, UUID owner, String externalId, Instant at) {
        return ingest(insights, owner, externalId,
                new Incoming("user", "My order " + PRIVATE + " is late, where is it?", at),
                new Incoming("assistant", "Sorry, something went wrong while I looked it up.", at.plusSeconds(2)));
    }

    private record Alert(String status, int attempts, Integer lastStatus, String lastError) {}

    private static List<Alert> alerts(Database db, UUID conversation) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                select status, attempts, last_status, last_error from insights_alerts where conversation_id = :c
                order by created_at""").bind("c", conversation)
                .map((rs, ctx) -> new Alert(rs.getString("status"), rs.getInt("attempts"),
                        (Integer) rs.getObject("last_status"), rs.getString("last_error")))
                .list());
    }

    private static List<String> blockTypes(JsonNode message) {
        List<String> types = new ArrayList<>();
        message.path("blocks").forEach(b -> types.add(b.path("type").asText()));
        return types;
    }

    @Test
    void a_new_failure_of_a_chosen_kind_posts_block_kit_once_per_window_without_quoting_messages() {
        try (Database db = InsightsFixture.database(dir); Insights insights = insights(db, true)) {
            UUID owner = InsightsFixture.user(db, "alice");
            settings(db, owner, null, List.of(HealthScorer.ASSISTANT_ERROR), slack.webhookUrl());
            UUID id = failing(insights, owner, "ticket-1", T);

            assertThat(insights.runDueJobs()).as("the scoring, then the alert it queued").isEqualTo(2);
            assertThat(slack.posted()).hasSize(1);
            FakeSlack.Received request = slack.requests().getFirst();
            assertThat(request.contentType()).startsWith("application/json");
            JsonNode posted = request.json();
            assertThat(posted.path("text").asText()).contains("assistant_error").contains("ticket-1");
            assertThat(blockTypes(posted)).containsExactly("header", "section", "section", "section", "context");
            JsonNode fields = posted.path("blocks").get(2).path("fields");
            assertThat(fields).extracting(f -> f.path("text").asText()).containsExactly("*Source*\napi",
                    "*Conversation*\nticket-1", "*Messages*\n2", "*Health*\n75/100");
            assertThat(posted.path("blocks").get(1).path("text").path("text").asText())
                    .contains("New failure: `assistant_error`").doesNotContain("threshold");
            assertThat(posted.path("blocks").get(3).path("text").path("text").asText())
                    .isEqualTo("<donna://insights/conversations/" + id + "|Open it in DONNA>");
            assertThat(request.body()).doesNotContain(PRIVATE).doesNotContain("something went wrong")
                    .doesNotContain("late");
            assertThat(alerts(db, id)).containsExactly(new Alert("sent", 1, 200, null));

            // Another chosen failure within the hour: no second alert for this conversation.
            clock.advance(Duration.ofMinutes(10));
            ingest(insights, owner, "ticket-1", new Incoming("user", "Hello?", T.plusSeconds(600)),
                    new Incoming("assistant", "An error occurred, sorry.", T.plusSeconds(602)));
            insights.runDueJobs();
            int errors = db.jdbi().withHandle(h -> h.createQuery("select count(*) from failures where kind = :k")
                    .bind("k", HealthScorer.ASSISTANT_ERROR).mapTo(Integer.class).one());
            assertThat(errors).isEqualTo(2);
            assertThat(slack.requests()).as("deduplicated within the window").hasSize(1);
            assertThat(alerts(db, id)).hasSize(1);

            // After the window, a new one alerts again.
            clock.advance(Duration.ofMinutes(55));
            Instant later = clock.instant();
            ingest(insights, owner, "ticket-1", new Incoming("user", "Still there?", later),
                    new Incoming("assistant", "Something went wrong again.", later.plusSeconds(1)));
            insights.runDueJobs();
            assertThat(slack.posted()).as("a new window").hasSize(2);
            assertThat(slack.requests()).allSatisfy(r -> assertThat(r.body()).doesNotContain(PRIVATE));

            // A kind the owner did not choose alerts nobody.
            UUID other = ingest(insights, owner, "ticket-2", new Incoming("user", "Why?", later),
                    new Incoming("assistant", "I can't help with that.", later.plusSeconds(1)));
            insights.runDueJobs();
            assertThat(alerts(db, other)).isEmpty();
            assertThat(slack.requests()).hasSize(2);
        }
    }

    @Test
    void a_health_score_falling_under_the_threshold_alerts_once() {
        try (Database db = InsightsFixture.database(dir); Insights insights = insights(db, true)) {
            UUID owner = InsightsFixture.user(db, "alice");
            settings(db, owner, 80, List.of(), slack.webhookUrl());
            UUID fine = ingest(insights, owner, "ok-1", new Incoming("user", "Where is it?", T),
                    new Incoming("assistant", "It ships tomorrow.", T.plusSeconds(2)));
            insights.runDueJobs();
            assertThat(alerts(db, fine)).as("health 100").isEmpty();

            UUID id = failing(insights, owner, "low-1", T);
            insights.runDueJobs();
            assertThat(slack.posted()).hasSize(1);
            JsonNode posted = slack.posted().getFirst();
            assertThat(posted.path("blocks").get(1).path("text").path("text").asText())
                    .contains("Health 75/100, under your threshold of 80").doesNotContain("New failure");
            assertThat(posted.toString()).contains("low-1").doesNotContain(PRIVATE);

            // Scored again while still low, after the window: not news, no alert.
            clock.advance(Duration.ofMinutes(20));
            ingest(insights, owner, "low-1", new Incoming("user", "ok thanks", T.plusSeconds(1200)));
            clock.advance(Duration.ofMinutes(50));
            insights.runDueJobs();
            assertThat(alerts(db, id)).hasSize(1);
            assertThat(slack.requests()).hasSize(1);
        }
    }

    @Test
    void a_failed_post_is_retried_with_backoff_and_delivered_once_and_retry_after_is_honoured() {
        try (Database db = InsightsFixture.database(dir); Insights insights = insights(db, true)) {
            UUID owner = InsightsFixture.user(db, "alice");
            settings(db, owner, null, List.of(HealthScorer.ASSISTANT_ERROR), slack.webhookUrl());
            slack.failNext(1);
            UUID id = failing(insights, owner, "retry-1", T);
            insights.runDueJobs();
            assertThat(slack.requests()).extracting(FakeSlack.Received::answeredStatus).containsExactly(500);
            assertThat(alerts(db, id)).containsExactly(new Alert("pending", 1, 500,
                    "Slack answered HTTP 500 rollup_error"));
            assertThat(insights.runDueJobs()).as("not before its backoff").isZero();
            clock.advance(Duration.ofSeconds(3));
            assertThat(insights.runDueJobs()).isEqualTo(1);
            assertThat(slack.requests()).extracting(FakeSlack.Received::answeredStatus).containsExactly(500, 200);
            assertThat(alerts(db, id)).containsExactly(new Alert("sent", 2, 200, null));
            clock.advance(Duration.ofMinutes(10));
            insights.runDueJobs();
            assertThat(slack.posted()).as("delivered once").hasSize(1);

            // Slack's 429 says when to come back: not at the 2 s backoff, but after Retry-After.
            slack.rateLimitNext(1, 120);
            UUID limited = failing(insights, owner, "retry-2", clock.instant());
            insights.runDueJobs();
            assertThat(alerts(db, limited)).extracting(Alert::lastStatus).containsExactly(429);
            clock.advance(Duration.ofSeconds(30));
            insights.runDueJobs();
            assertThat(slack.requests()).as("waiting out Retry-After").hasSize(3);
            clock.advance(Duration.ofSeconds(91));
            insights.runDueJobs();
            assertThat(slack.requests()).extracting(FakeSlack.Received::answeredStatus)
                    .containsExactly(500, 200, 429, 200);
            assertThat(alerts(db, limited)).extracting(Alert::status).containsExactly("sent");

            // A channel that is gone is not retried.
            slack.failNext(1, 410, "channel_is_archived");
            UUID gone = failing(insights, owner, "gone-1", clock.instant());
            insights.runDueJobs();
            clock.advance(Duration.ofMinutes(10));
            insights.runDueJobs();
            assertThat(alerts(db, gone)).containsExactly(new Alert("failed", 1, 410,
                    "Slack answered HTTP 410 channel_is_archived"));
            assertThat(slack.requests()).hasSize(5);
        }
    }

    @Test
    void two_workers_on_one_database_send_each_alert_once() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Database db = InsightsFixture.database(dir); Insights one = insights(db, true);
                Insights two = insights(db, true)) {
            UUID owner = InsightsFixture.user(db, "alice");
            settings(db, owner, null, List.of(HealthScorer.ASSISTANT_ERROR), slack.webhookUrl());
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add(failing(i % 2 == 0 ? one : two, owner, "pair-" + i, T));
            }
            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> a = threads.submit(() -> { go.await(); return one.runDueJobs(); });
            Future<Integer> b = threads.submit(() -> { go.await(); return two.runDueJobs(); });
            go.countDown();
            int ran = a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS);
            assertThat(ran).as("12 scorings and 12 alerts").isEqualTo(24);
            assertThat(one.runDueJobs() + two.runDueJobs()).isZero();
            assertThat(slack.requests()).hasSize(12);
            List<String> links = slack.posted().stream()
                    .map(m -> m.path("blocks").get(3).path("text").path("text").asText()).toList();
            assertThat(links).doesNotHaveDuplicates().hasSize(12);
            assertThat(ids).allSatisfy(id -> assertThat(alerts(db, id)).extracting(Alert::status)
                    .containsExactly("sent"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_refused_slack_url_is_never_called_at_send() {
        try (Database db = InsightsFixture.database(dir); Insights insights = insights(db, false)) {
            Map<String, String> refusals = Map.of(
                    "https://10.1.2.3/services/T/B/x", "10.1.2.3 is a private address",
                    "https://169.254.169.254/latest/meta-data/", "cloud metadata",
                    "http://93.184.216.34/services/T/B/x", "must use https",
                    // Loopback without WEBHOOKS_ALLOW_LOOPBACK (this pipeline's policy): the fake is not called.
                    slack.webhookUrl(), "loopback");
            int n = 0;
            for (Map.Entry<String, String> refusal : refusals.entrySet()) {
                UUID owner = InsightsFixture.user(db, "owner-" + n++);
                settings(db, owner, null, List.of(HealthScorer.ASSISTANT_ERROR), refusal.getKey());
                UUID id = failing(insights, owner, "refused", T);
                insights.runDueJobs();
                clock.advance(Duration.ofMinutes(10));
                insights.runDueJobs();
                List<Alert> alerts = alerts(db, id);
                assertThat(alerts).as(refusal.getKey()).hasSize(1);
                assertThat(alerts.getFirst().status()).isEqualTo("failed");
                assertThat(alerts.getFirst().lastError()).startsWith("address refused: ").contains(refusal.getValue());
            }
            assertThat(slack.requests()).isEmpty();
        }
    }

    @Test
    void each_new_failure_publishes_failure_detected_in_the_scoring_transaction() {
        try (Database db = InsightsFixture.database(dir); Insights insights = insights(db, true)) {
            UUID owner = InsightsFixture.user(db, "alice");
            db.jdbi().useHandle(h -> h.createUpdate("""
                    insert into webhooks (id, user_id, url, events, secret)
                    values (gen_random_uuid(), :u, 'https://93.184.216.34/hook', array['failure.detected'], 'x')""")
                    .bind("u", owner).execute());
            UUID id = failing(insights, owner, "events-1", T);
            insights.runDueJobs();
            List<JsonNode> events = db.jdbi().withHandle(h -> h.createQuery("""
                    select payload::text from webhook_deliveries where event_type = :t""")
                    .bind("t", EventTypes.FAILURE_DETECTED).mapTo(String.class).map(Json::tree).list());
            assertThat(events).hasSize(1);
            JsonNode data = events.getFirst().path("data");
            assertThat(data.path("kind").asText()).isEqualTo(HealthScorer.ASSISTANT_ERROR);
            assertThat(data.path("severity").asText()).isEqualTo("high");
            assertThat(data.path("conversation_id").asText()).isEqualTo(id.toString());
            assertThat(data.path("external_id").asText()).isEqualTo("events-1");
            assertThat(data.path("failure_id").asText()).isEqualTo(db.jdbi().withHandle(h -> h.createQuery(
                    "select id::text from failures where conversation_id = :c").bind("c", id)
                    .mapTo(String.class).one()));
            assertThat(events.getFirst().toString()).doesNotContain(PRIVATE);

            // Scored again with the same failure: nothing new to announce. (No Slack here: none configured.)
            ingest(insights, owner, "events-1", new Incoming("user", "thanks", T.plusSeconds(30)));
            insights.runDueJobs();
            int deliveries = db.jdbi().withHandle(h -> h.createQuery("select count(*) from webhook_deliveries")
                    .mapTo(Integer.class).one());
            assertThat(deliveries).isEqualTo(1);
            assertThat(alerts(db, id)).isEmpty();
        }
    }

    // ---- the routes, on a real service ----

    private TestService service() {
        return TestService.start(dir, c -> c.withWebhooks(new BackendConfig.Webhooks(true, Duration.ofSeconds(5))),
                List.of());
    }

    @Test
    void settings_refuse_private_metadata_and_plain_http_slack_urls_naming_the_reason() {
        try (TestService service = service()) {
            Map<String, String> refusals = Map.of(
                    "https://10.0.0.5/services/T/B/x", "slack_webhook_url: 10.0.0.5 is a private address",
                    "https://169.254.169.254/latest/meta-data/", "slack_webhook_url: 169.254.169.254 is the cloud "
                            + "metadata address",
                    "http://93.184.216.34/services/T/B/x", "slack_webhook_url: the URL must use https");
            for (Map.Entry<String, String> refusal : refusals.entrySet()) {
                Http.Response put = send(service.http(), "PUT", "/api/v1/settings",
                        "{\"slack_webhook_url\":\"" + refusal.getKey() + "\"}", internalAs("alice"));
                assertThat(put.status()).as(refusal.getKey()).isEqualTo(400);
                assertThat(put.errorCode()).isEqualTo("validation_failed");
                assertThat(put.json().path("error").path("message").asText()).startsWith(refusal.getValue());
            }
            assertThat(service.http().get("/api/v1/settings", internalAs("alice")).json().path("settings")
                    .path("slack_webhook_configured").asBoolean()).isFalse();
            Http.Response ok = send(service.http(), "PUT", "/api/v1/settings",
                    "{\"slack_webhook_url\":\"" + slack.webhookUrl() + "\"}", internalAs("alice"));
            assertThat(ok.status()).as("loopback with WEBHOOKS_ALLOW_LOOPBACK=true").isEqualTo(200);
            assertThat(ok.body()).doesNotContain(FakeSlack.PATH);
        }
    }

    @Test
    void the_test_alert_route_answers_how_slack_took_it_and_the_service_alerts_end_to_end() throws Exception {
        Logger insightsLog = (Logger) LoggerFactory.getLogger("donna.backend.insights");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        insightsLog.addAppender(logs);
        Level level = insightsLog.getLevel();
        insightsLog.setLevel(Level.INFO); // what production logs at
        try (TestService service = service()) {
            Http http = service.http();
            Http.Response none = http.post("/api/v1/settings/test-alert", "", internalAs("alice"));
            assertThat(none.status()).isEqualTo(409);
            assertThat(none.errorCode()).isEqualTo("slack_not_configured");

            send(http, "PUT", "/api/v1/settings", "{\"slack_webhook_url\":\"" + slack.webhookUrl()
                    + "\",\"alert_on_failure_kinds\":[\"assistant_error\"]}", internalAs("alice"));
            Http.Response accepted = http.post("/api/v1/settings/test-alert", "", internalAs("alice"));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            assertThat(accepted.json().path("accepted").asBoolean()).isTrue();
            assertThat(accepted.json().path("slack_status").asInt()).isEqualTo(200);
            assertThat(slack.posted()).hasSize(1);
            assertThat(blockTypes(slack.posted().getFirst())).containsExactly("header", "section");

            slack.failNext(1, 404, "channel_not_found");
            JsonNode refused = http.post("/api/v1/settings/test-alert", "", internalAs("alice")).json();
            assertThat(refused.path("accepted").asBoolean()).isFalse();
            assertThat(refused.path("slack_status").asInt()).isEqualTo(404);
            assertThat(refused.path("slack_error").asText()).isEqualTo("channel_not_found");
            assertThat(refused.toString()).doesNotContain(FakeSlack.PATH);

            // Through the service's own pipeline: an app's conversation with an error alerts Slack.
            String key = InsightsFixture.createKey(http, "alice");
            Instant now = Instant.now();
            Http.Response tracked = InsightsFixture.track(http, key, body("e2e-1",
                    message("user", "Is " + PRIVATE + " shipped?", now),
                    message("assistant", "Sorry, something went wrong.", now.plusSeconds(1))));
            assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
            // The alert is logged after Slack answered it: wait for both (a loaded run read the log in between).
            InsightsFixture.pipelineUntil(service, "the alert posted and logged", () -> slack.posted().size() == 2
                    && logged(logs).stream().anyMatch(l -> l.contains("sent to Slack")));
            JsonNode alert = slack.posted().get(1);
            assertThat(alert.path("text").asText()).contains("assistant_error").contains("e2e-1");
            assertThat(alert.toString()).doesNotContain(PRIVATE);

            // The logs name the webhook masked: its secret path never appears.
            List<String> lines = logged(logs);
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Test alert to Slack http://127.0.0.1/…6789"))
                    .anySatisfy(l -> assertThat(l).contains("sent to Slack http://127.0.0.1/…6789"));
            assertThat(lines).noneSatisfy(l -> assertThat(l).contains("fakeSecretToken"));
        } finally {
            insightsLog.detachAppender(logs);
            insightsLog.setLevel(level);
        }
    }

    /** The lines logged so far; the appender adds under its own lock, so the copy is taken under it too. */
    private static List<String> logged(ListAppender<ILoggingEvent> logs) {
        synchronized (logs) {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void sample_conversations_are_scored_but_never_alert() {
        try (Database db = InsightsFixture.database(dir); Insights insights = insights(db, true)) {
            UUID owner = InsightsFixture.user(db, "alice");
            settings(db, owner, 100, List.of(HealthScorer.ASSISTANT_ERROR, HealthScorer.TOOL_FAILURE), slack.webhookUrl());
            int added = new SampleConversations(db.jdbi(), insights.ingestion(), clock, Json.newMapper()).add(owner);
            assertThat(added).isEqualTo(8);
            insights.runDueJobs();
            int failing = db.jdbi().withHandle(h -> h.createQuery(
                    "select count(distinct conversation_id) from failures").mapTo(Integer.class).one());
            assertThat(failing).as("the samples were scored and failures found").isGreaterThan(3);
            assertThat(slack.posted()).as("made-up conversations tell Slack nothing").isEmpty();

            UUID real = failing(insights, owner, "ticket-9", T);
            insights.runDueJobs();
            assertThat(alerts(db, real)).as("a real one still alerts").containsExactly(new Alert("sent", 1, 200, null));
            assertThat(slack.posted()).hasSize(1);
        }
    }
}
