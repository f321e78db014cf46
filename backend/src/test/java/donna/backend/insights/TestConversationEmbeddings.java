package donna.backend.insights;

import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.config.BackendConfig;
import donna.backend.db.Database;
import donna.backend.openai.EmbeddingsClient;
import donna.backend.openai.OpenAiHttp;
import donna.backend.openai.RetrySettings;
import donna.standins.openai.Endpoint;
import donna.standins.openai.Failure;
import donna.standins.openai.FakeOpenAi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** embed-conversation (FEATURE_EMBEDDINGS) against the fake's /v1/embeddings, and pattern-analyze using them. */
class TestConversationEmbeddings {
    private static final Insights.Options MANUAL = new Insights.Options(Duration.ofMinutes(30), Duration.ofSeconds(1),
            Duration.ofMinutes(5), false);

    private FakeOpenAi fake;
    private OpenAiHttp http;

    @BeforeEach
    void start() {
        fake = FakeOpenAi.start();
        http = new OpenAiHttp(new BackendConfig.OpenAi(Optional.of("sk-test-embed-0123456789"), fake.baseUrl(),
                "gpt-test", "gpt-realtime", Duration.ofSeconds(10)), RetrySettings.fast(1), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        http.close();
        fake.close();
    }

    private static UUID ingest(Insights insights, UUID owner, String externalId, Instant at, String user,
            String assistant) {
        return insights.ingestion().ingest(owner, Ingestion.Source.API, externalId, List.of(
                new Incoming("user", user, at), new Incoming("assistant", assistant, at.plusSeconds(2))), null, true)
                .conversationId();
    }

    private static int count(Database db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    @Test
    void off_by_default_nothing_is_embedded(@TempDir Path dir) {
        Instant t = Instant.now().minus(Duration.ofHours(1));
        var clock = new InsightsFixture.MovableClock(t.plusSeconds(60));
        try (Database db = InsightsFixture.database(dir);
                Insights insights = Insights.withAi(db.jdbi(), clock, MANUAL, Insights.Ai.NONE, now -> {})) {
            UUID owner = InsightsFixture.user(db, "alice");
            ingest(insights, owner, "c1", t, "My printer jams", "Open the tray.");
            insights.runDueJobs();
            assertThat(count(db, "select count(*) from conversation_embeddings")).isZero();
            assertThat(fake.requests(Endpoint.EMBEDDINGS)).isEmpty();
        }
    }

    @Test
    void ended_conversations_are_embedded_once_into_a_real_array_and_grouped_when_similar(@TempDir Path dir) {
        Instant t = Instant.now().minus(Duration.ofHours(3));
        var clock = new InsightsFixture.MovableClock(Instant.now());
        try (Database db = InsightsFixture.database(dir); Insights insights = Insights.withAi(db.jdbi(), clock,
                MANUAL, new Insights.Ai(null, null, new EmbeddingsClient(http)), now -> {})) {
            UUID owner = InsightsFixture.user(db, "alice");
            boolean pgvector = db.jdbi().withHandle(h -> h.createQuery(
                    "select exists (select 1 from pg_available_extensions where name = 'vector')")
                    .mapTo(Boolean.class).one());
            assertThat(Embedder.hasVectorColumn(db.jdbi())).as("the vector column exactly where pgvector is")
                    .isEqualTo(pgvector);

            fake.failNext(Endpoint.EMBEDDINGS, 1, Failure.serverError());
            UUID p1 = ingest(insights, owner, "p1", t, "The printer jams on paper in tray two again",
                    "Open tray two and remove the jammed paper.");
            UUID p2 = ingest(insights, owner, "p2", t.plusSeconds(60), "Printer paper jams in tray two",
                    "Open tray two and remove the jammed paper.");
            UUID f1 = ingest(insights, owner, "f1", t.plusSeconds(120), "Book a window seat on my flight to Oslo",
                    "Your window seat on the Oslo flight is booked.");
            UUID f2 = ingest(insights, owner, "f2", t.plusSeconds(180), "Book me a window seat on the Oslo flight",
                    "Your window seat on the Oslo flight is booked.");
            insights.runDueJobs();
            assertThat(count(db, "select count(*) from conversation_embeddings")).as("one failed, to be retried")
                    .isEqualTo(3);
            clock.advance(Duration.ofSeconds(3));
            insights.runDueJobs();
            assertThat(count(db, "select count(*) from conversation_embeddings")).isEqualTo(4);
            assertThat(count(db, "select min(dimensions) from conversation_embeddings")).isEqualTo(1536);
            assertThat(count(db, "select min(array_length(embedding, 1)) from conversation_embeddings"))
                    .isEqualTo(1536);
            assertThat(fake.lastRequest(Endpoint.EMBEDDINGS).body().path("model").asText())
                    .isEqualTo(EmbeddingsClient.DEFAULT_MODEL);
            assertThat(fake.lastRequest(Endpoint.EMBEDDINGS).body().path("input").asText()).startsWith("user: ");

            // Scored again with the same text: not embedded again.
            int calls = fake.requests(Endpoint.EMBEDDINGS).size();
            insights.ingestion().ingest(owner, Ingestion.Source.API, "p1", List.of(), null, true);
            insights.runDueJobs();
            assertThat(fake.requests(Endpoint.EMBEDDINGS)).hasSize(calls);

            List<PatternAnalyzer.Found> found = new PatternAnalyzer(db.jdbi()).analyze(owner, clock.instant());
            List<PatternAnalyzer.Found> similar = found.stream().filter(f -> f.kind().equals("similar")).toList();
            assertThat(similar).hasSize(2);
            assertThat(similar).extracting(f -> Set.copyOf(f.members()))
                    .containsExactlyInAnyOrder(Set.of(p1, p2), Set.of(f1, f2));
            assertThat(similar).extracting(PatternAnalyzer.Found::label).allMatch(l -> !l.isBlank());
        }
    }
}
