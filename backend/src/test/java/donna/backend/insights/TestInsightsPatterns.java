package donna.backend.insights;

import static donna.backend.insights.InsightsFixture.body;
import static donna.backend.insights.InsightsFixture.createKey;
import static donna.backend.insights.InsightsFixture.message;
import static donna.backend.insights.InsightsFixture.send;
import static donna.backend.insights.InsightsFixture.track;
import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.config.BackendConfig;
import donna.backend.db.Database;
import donna.backend.support.Await;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.standins.openai.FakeOpenAi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pattern-analyze: recurring topics, failure clusters, the route, owner isolation, and one run per week. */
class TestInsightsPatterns {
    private static final Insights.Options MANUAL = new Insights.Options(Duration.ofMinutes(30), Duration.ofSeconds(1),
            Duration.ofMinutes(5), false);

    @Test
    void topics_are_the_terms_many_conversations_share_not_small_talk() {
        Map<UUID, List<String>> users = new LinkedHashMap<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(UUID.randomUUID());
        }
        users.put(ids.get(0), List.of("Hi, please help: my credit card was charged twice"));
        users.put(ids.get(1), List.of("Why was my credit card charged for the refund?"));
        users.put(ids.get(2), List.of("thanks! the credit card works now"));
        users.put(ids.get(3), List.of("Can I get a refund please?"));
        users.put(ids.get(4), List.of("refund status?", "Still waiting for the refund"));
        users.put(ids.get(5), List.of("Hello, thank you, please help"));
        List<Topics.Topic> topics = Topics.top(users, 10);
        assertThat(topics).extracting(Topics.Topic::term).startsWith("credit card", "refund")
                .doesNotContain("card", "credit", "please", "help", "thanks", "hello");
        assertThat(topics.getFirst().conversations()).containsExactly(ids.get(0), ids.get(1), ids.get(2));
        assertThat(topics.get(1).conversations()).as("once per conversation")
                .containsExactly(ids.get(1), ids.get(3), ids.get(4));
    }

    @Test
    void failure_clusters_group_conversations_sharing_a_failure_kind_and_a_topic() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        Map<UUID, List<String>> users = Map.of(a, List.of("refund for order 1"), b, List.of("refund for my shoes"),
                c, List.of("refund again"), d, List.of("weather in Paris"));
        Map<UUID, Set<String>> kinds = Map.of(a, Set.of("user_frustration"), b, Set.of("user_frustration"),
                d, Set.of("user_frustration"));
        List<PatternAnalyzer.Found> found = PatternAnalyzer.find(List.of(a, b, c, d), users, kinds, Map.of());
        assertThat(found).filteredOn(f -> f.kind().equals("failure_cluster")).singleElement().satisfies(f -> {
            assertThat(f.label()).isEqualTo("user_frustration · refund");
            assertThat(f.failureKinds()).containsExactly("user_frustration");
            assertThat(f.members()).containsExactly(a, b);
            assertThat(f.count()).isEqualTo(2);
        });
    }

    @Test
    void the_route_shows_the_owners_own_patterns_with_counts_and_their_conversations(@TempDir Path dir) {
        try (FakeOpenAi openAi = FakeOpenAi.start(); TestService service = TestService.start(dir,
                c -> c.withOpenAi(new BackendConfig.OpenAi(Optional.of("sk-test-key"), openAi.baseUrl(),
                        "gpt-test", "gpt-realtime-test", Duration.ofSeconds(4))), List.of())) {
            Http http = service.http();
            String alice = createKey(http, "alice");
            Instant t = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            String[][] convos = {
                {"Where is my refund for order 17?", "That's not what I asked"},
                {"I want a refund for the broken kettle", "That's not what I asked"},
                {"How long does a refund take?", "Thanks"},
                {"Change my delivery address please", "Great"},
            };
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < convos.length; i++) {
                Instant at = t.plus(Duration.ofHours(i));
                Http.Response r = track(http, alice, body("p" + i, message("user", convos[i][0], at),
                        message("assistant", "Here you go.", at.plusSeconds(2)),
                        message("user", convos[i][1], at.plusSeconds(9))));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                ids.add(r.json().path("conversation_id").asText());
            }
            String bob = createKey(http, "bob");
            assertThat(track(http, bob, body("b1", message("user", "refund refund", t))).status()).isEqualTo(200);
            InsightsFixture.pipelineUntil(service, "scored", () -> service.service().database().jdbi()
                    .withHandle(h -> h.createQuery("select count(*) from conversations where scored_at is null")
                            .mapTo(Integer.class).one()) == 0);

            Http.Response analyzed = send(http, "POST", "/api/v1/analytics/patterns/analyze", null,
                    internalAs("alice"));
            assertThat(analyzed.status()).as(analyzed.body()).isEqualTo(200);
            JsonNode patterns = http.get("/api/v1/analytics/patterns", internalAs("alice")).json();
            assertThat(patterns.path("analyzed_at").isTextual()).isTrue();
            JsonNode refund = StreamSupport.stream(patterns.path("topics").spliterator(), false)
                    .filter(p -> p.path("label").asText().equals("refund")).findFirst().orElseThrow();
            assertThat(refund.path("conversation_count").asInt()).isEqualTo(3);
            assertThat(refund.path("conversations").findValuesAsText("id")).containsExactlyInAnyOrder(ids.get(0),
                    ids.get(1), ids.get(2));
            assertThat(refund.path("conversations").get(0).path("external_id").asText()).isEqualTo("p2");
            JsonNode cluster = patterns.path("failure_clusters").get(0);
            assertThat(cluster.path("label").asText()).isEqualTo("user_frustration · refund");
            assertThat(cluster.path("conversation_count").asInt()).isEqualTo(2);
            assertThat(cluster.path("conversations").findValuesAsText("id")).containsExactlyInAnyOrder(ids.get(0),
                    ids.get(1));
            assertThat(patterns.path("similar")).isEmpty();

            JsonNode bobs = http.get("/api/v1/analytics/patterns", internalAs("bob")).json();
            assertThat(bobs.path("topics")).as("bob has analysed nothing yet; alice's are not his").isEmpty();
            assertThat(http.get("/api/v1/analytics/patterns").status()).as("no caller").isEqualTo(401);
        }
    }

    @Test
    void two_instances_run_the_weekly_pattern_analyze_once(@TempDir Path dir) throws Exception {
        Instant start = Instant.now().plus(Duration.ofMinutes(1)); // after the migration made it due
        InsightsFixture.MovableClock clock = new InsightsFixture.MovableClock(start);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        // The run lasts until the other instance has finished its pass: both really try at the same time.
        java.util.function.Consumer<Instant> job = now -> {
            runs.incrementAndGet();
            Await.until(Duration.ofSeconds(20), "the other instance's pass", () -> finished.get() >= 1);
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Database db = InsightsFixture.database(dir);
                Insights one = Insights.withAi(db.jdbi(), clock, MANUAL, Insights.Ai.NONE, job);
                Insights two = Insights.withAi(db.jdbi(), clock, MANUAL, Insights.Ai.NONE, job)) {
            for (int week = 1; week <= 2; week++) {
                finished.set(0);
                Future<?> a = threads.submit(() -> {
                    one.runDueJobs();
                    finished.incrementAndGet();
                });
                Future<?> b = threads.submit(() -> {
                    two.runDueJobs();
                    finished.incrementAndGet();
                });
                a.get(30, TimeUnit.SECONDS);
                b.get(30, TimeUnit.SECONDS);
                assertThat(runs.get()).as("week " + week).isEqualTo(week);
                clock.advance(Duration.ofDays(6));
                one.runDueJobs();
                two.runDueJobs();
                assertThat(runs.get()).as("not again within the week").isEqualTo(week);
                clock.advance(Duration.ofDays(1).plusMinutes(1));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_failed_run_is_tried_again_after_a_backoff_then_weekly(@TempDir Path dir) {
        InsightsFixture.MovableClock clock = new InsightsFixture.MovableClock(Instant.now().plus(Duration.ofMinutes(1)));
        AtomicInteger runs = new AtomicInteger();
        java.util.function.Consumer<Instant> job = now -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("database hiccup");
            }
        };
        try (Database db = InsightsFixture.database(dir);
                Insights insights = Insights.withAi(db.jdbi(), clock, MANUAL, Insights.Ai.NONE, job)) {
            insights.runDueJobs();
            assertThat(runs.get()).isEqualTo(1);
            String error = db.jdbi().withHandle(h -> h.createQuery(
                    "select last_error from insights_schedules where name = 'pattern-analyze'").mapTo(String.class)
                    .one());
            assertThat(error).isEqualTo("IllegalStateException");
            insights.runDueJobs();
            assertThat(runs.get()).as("not before its backoff").isEqualTo(1);
            clock.advance(Duration.ofMinutes(3));
            insights.runDueJobs();
            assertThat(runs.get()).isEqualTo(2);
            clock.advance(Duration.ofDays(6));
            insights.runDueJobs();
            assertThat(runs.get()).as("a week after the run that worked").isEqualTo(2);
        }
    }
}
