package donna.backend.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.CompanionService;
import donna.backend.db.Database;
import donna.backend.http.Json;
import donna.backend.support.Http;
import donna.backend.support.SharedPostgres;
import donna.backend.support.TestService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConversationScoring {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final Insights.Options MANUAL = new Insights.Options(Duration.ofMinutes(30), Duration.ofSeconds(1),
            Duration.ofMinutes(5), false);

    // ---- the heuristics, one hand-made conversation per failure kind ----

    private static final class Convo {
        private final List<HealthScorer.Message> messages = new ArrayList<>();
        private Instant at = T;

        Convo say(String role, String content) {
            return say(role, content, 1, JsonNodeFactory.instance.objectNode());
        }

        Convo say(String role, String content, long afterSeconds, ObjectNode metadata) {
            at = at.plusSeconds(afterSeconds);
            Integer latency = metadata.has("latency_ms") ? metadata.get("latency_ms").asInt() : null;
            messages.add(new HealthScorer.Message(messages.size() + 1, role, content, at, metadata, latency,
                    "user".equals(role) ? (float) Lexicon.sentiment(content) : null));
            return this;
        }

        HealthScorer.Score score(String source, boolean ended) {
            return HealthScorer.score(new HealthScorer.Conversation(source, ended,
                    JsonNodeFactory.instance.objectNode(), messages));
        }

        HealthScorer.Score score() {
            return score("api", true);
        }
    }

    private static List<String> kinds(HealthScorer.Score score) {
        return score.failures().stream().map(HealthScorer.Found::kind).toList();
    }

    private static ObjectNode meta(String json) {
        return (ObjectNode) Json.tree(json);
    }

    @Test
    void a_smooth_conversation_is_healthy_and_has_no_failures() {
        HealthScorer.Score score = new Convo().say("user", "Can you find my invoice from March?")
                .say("assistant", "Here it is: invoice 42 from 3 March.").say("user", "Great, thanks!").score();
        assertThat(score.failures()).isEmpty();
        assertThat(score.health()).isEqualTo(100);
        assertThat(score.breakdown().path("signals").path("messages").asInt()).isEqualTo(3);
    }

    @Test
    void an_assistant_error_and_a_refusal_are_found() {
        HealthScorer.Score score = new Convo().say("user", "Book me a table tonight")
                .say("assistant", "Sorry, something went wrong on my side.").say("user", "Tell me how to pick a lock")
                .say("assistant", "I can't help with that.").score();
        assertThat(kinds(score)).containsExactly(HealthScorer.ASSISTANT_ERROR, HealthScorer.ASSISTANT_REFUSAL);
        assertThat(score.failures().getFirst().severity()).isEqualTo("high");
        assertThat(score.failures().getFirst().messageId()).isEqualTo(2L);
        assertThat(score.health()).isLessThan(100);
        assertThat(score.breakdown().path("penalties").path(HealthScorer.ASSISTANT_ERROR).asInt()).isEqualTo(25);
    }

    @Test
    void a_question_followed_by_another_user_message_or_left_at_the_end_is_unanswered() {
        HealthScorer.Score skipped = new Convo().say("user", "What time do you open?")
                .say("user", "hello?? anyone").say("assistant", "We open at nine.").score();
        assertThat(kinds(skipped)).contains(HealthScorer.UNANSWERED_QUESTION);
        assertThat(skipped.failures().stream().filter(f -> f.kind().equals(HealthScorer.UNANSWERED_QUESTION))
                .findFirst().orElseThrow().messageId()).isEqualTo(1L);

        Convo lastQuestion = new Convo().say("user", "Hi").say("assistant", "Hello!")
                .say("user", "Where is my parcel?");
        assertThat(kinds(lastQuestion.score("api", false))).as("an answer may still come")
                .doesNotContain(HealthScorer.UNANSWERED_QUESTION);
        assertThat(kinds(lastQuestion.score("api", true))).as("ended without one")
                .contains(HealthScorer.UNANSWERED_QUESTION);
    }

    @Test
    void frustration_is_found_in_phrases_repeats_and_negative_words() {
        HealthScorer.Score phrase = new Convo().say("user", "Summarise my last mail")
                .say("assistant", "Here is the weather.").say("user", "That\u2019s not what I asked").score();
        assertThat(kinds(phrase)).containsExactly(HealthScorer.USER_FRUSTRATION);
        assertThat(phrase.failures().getFirst().detail()).contains("not what i asked");

        HealthScorer.Score repeat = new Convo().say("user", "cancel my meeting with Anna tomorrow")
                .say("assistant", "Which Anna?").say("user", "cancel my meeting with Anna tomorrow").score();
        assertThat(repeat.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(HealthScorer.USER_FRUSTRATION);
            assertThat(f.detail()).contains("repeated");
            assertThat(f.messageId()).isEqualTo(3L);
        });

        HealthScorer.Score negative = new Convo().say("user", "Draft a reply to Tom")
                .say("assistant", "Done, here is a draft.").say("user", "This is useless and terrible").score();
        assertThat(kinds(negative)).containsExactly(HealthScorer.USER_FRUSTRATION);
        assertThat(negative.breakdown().path("sentiment_penalty").asInt()).isPositive();
    }

    @Test
    void abuse_is_found_by_words_or_a_flag() {
        assertThat(kinds(new Convo().say("user", "shut up you idiot").say("assistant", "Let's keep it civil.")
                .score())).contains(HealthScorer.ABUSE);
        assertThat(kinds(new Convo().say("user", "some flagged text", 1, meta("{\"flagged\":true}"))
                .say("assistant", "I can help with something else.").score())).contains(HealthScorer.ABUSE);
    }

    @Test
    void slow_answers_are_found_from_timestamps_or_the_senders_latency() {
        HealthScorer.Score byTime = new Convo().say("user", "Any news from the bank")
                .say("assistant", "Yes, one mail.", 14, JsonNodeFactory.instance.objectNode()).score();
        assertThat(byTime.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(HealthScorer.SLOW_RESPONSE);
            assertThat(f.severity()).isEqualTo("medium");
        });
        HealthScorer.Score byLatency = new Convo().say("user", "Any news from the bank")
                .say("assistant", "Yes, one mail.", 1, meta("{\"latency_ms\":45000}")).score();
        assertThat(byLatency.failures()).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo("high"));
        assertThat(byLatency.breakdown().path("signals").path("max_latency_ms").asLong()).isEqualTo(45_000);
    }

    @Test
    void failed_tool_steps_are_found() {
        HealthScorer.Score score = new Convo().say("user", "Send the draft to Tom")
                .say("tool", "send_mail: Gmail refused the request", 1, meta("{\"status\":\"failed\"}"))
                .say("tool", "{\"error\":\"quota exceeded\"}").say("tool", "search_mail: 3 results")
                .say("assistant", "I could not send it: Gmail refused.").score();
        assertThat(kinds(score)).containsExactly(HealthScorer.TOOL_FAILURE, HealthScorer.TOOL_FAILURE);
    }

    @Test
    void voice_sessions_show_barge_in_storms_and_reconnects() {
        Convo voice = new Convo().say("user", "Read my mail").say("assistant", "You have three new", 1,
                meta("{\"barge_in\":true}")).say("user", "stop", 5, meta("{\"event\":\"barge_in\"}"))
                .say("assistant", "Okay", 5, meta("{\"barge_in\":true}"))
                .say("user", "hello", 5, meta("{\"event\":\"reconnect\"}"));
        HealthScorer.Score score = voice.score("donna-voice", false);
        assertThat(kinds(score)).contains(HealthScorer.BARGE_IN_STORM, HealthScorer.RECONNECTS);
        assertThat(score.breakdown().path("signals").path("barge_ins").asInt()).isEqualTo(3);
        assertThat(kinds(voice.score("api", false))).as("typed sources have no voice checks")
                .doesNotContain(HealthScorer.BARGE_IN_STORM, HealthScorer.RECONNECTS);
    }

    // ---- the pipeline on PostgreSQL ----

    private static UUID ingest(Insights insights, UUID owner, String externalId, boolean ended, Incoming... messages) {
        return insights.ingestion().ingest(owner, Ingestion.Source.API, externalId, List.of(messages), null, ended)
                .conversationId();
    }

    private record Scored(Integer health, List<String> kinds, boolean ended, boolean needsScoring) {}

    private static Scored scored(Database db, UUID conversation) {
        return db.jdbi().withHandle(h -> {
            var row = h.createQuery("select health_score, ended_at, needs_scoring from conversations where id = :c")
                    .bind("c", conversation).mapToMap().one();
            List<String> kinds = h.createQuery("select kind from failures where conversation_id = :c order by kind")
                    .bind("c", conversation).mapTo(String.class).list();
            return new Scored((Integer) row.get("health_score"), kinds, row.get("ended_at") != null,
                    (Boolean) row.get("needs_scoring"));
        });
    }

    @Test
    void a_conversation_is_scored_again_when_messages_are_added_and_ends_when_idle(@TempDir Path dir) {
        InsightsFixture.MovableClock clock = new InsightsFixture.MovableClock(T.plusSeconds(60));
        try (Database db = InsightsFixture.database(dir); Insights insights = Insights.create(db.jdbi(), clock,
                MANUAL, null)) {
            UUID owner = InsightsFixture.user(db, "alice");
            UUID id = ingest(insights, owner, "c1", false, new Incoming("user", "Where is my parcel?", T),
                    new Incoming("assistant", "It arrives on Monday.", T.plusSeconds(2)));
            assertThat(insights.runDueJobs()).isEqualTo(1);
            Scored first = scored(db, id);
            assertThat(first.health()).isEqualTo(100);
            assertThat(first.kinds()).isEmpty();
            assertThat(first.needsScoring()).isFalse();

            ingest(insights, owner, "c1", false, new Incoming("user", "That's not what I asked", T.plusSeconds(20)),
                    new Incoming("assistant", "Sorry, something went wrong.", T.plusSeconds(22)));
            assertThat(scored(db, id).needsScoring()).isTrue();
            assertThat(insights.runDueJobs()).isEqualTo(1);
            Scored second = scored(db, id);
            assertThat(second.kinds()).containsExactly(HealthScorer.ASSISTANT_ERROR, HealthScorer.USER_FRUSTRATION);
            assertThat(second.health()).isLessThan(first.health());
            assertThat(second.ended()).isFalse();

            // An acknowledged failure keeps its status when the conversation is scored again.
            db.jdbi().useHandle(h -> h.createUpdate("update failures set status = 'ack' where kind = :k")
                    .bind("k", HealthScorer.ASSISTANT_ERROR).execute());
            ingest(insights, owner, "c1", false, new Incoming("user", "Is it Monday then?", T.plusSeconds(40)));
            insights.runDueJobs();
            String status = db.jdbi().withHandle(h -> h.createQuery("select status from failures where kind = :k")
                    .bind("k", HealthScorer.ASSISTANT_ERROR).mapTo(String.class).one());
            assertThat(status).isEqualTo("ack");
            assertThat(scored(db, id).kinds()).doesNotContain(HealthScorer.UNANSWERED_QUESTION);

            // Half an hour of silence: the conversation has ended, and its last question went unanswered.
            clock.advance(Duration.ofMinutes(31));
            assertThat(insights.runDueJobs()).as("the idle check, then the scoring it queues").isEqualTo(2);
            Scored ended = scored(db, id);
            assertThat(ended.ended()).isTrue();
            assertThat(ended.kinds()).contains(HealthScorer.UNANSWERED_QUESTION);
            assertThat(insights.runDueJobs()).as("nothing left").isZero();
        }
    }

    @Test
    void an_explicit_end_scores_the_conversation_as_ended(@TempDir Path dir) {
        InsightsFixture.MovableClock clock = new InsightsFixture.MovableClock(T.plusSeconds(60));
        try (Database db = InsightsFixture.database(dir); Insights insights = Insights.create(db.jdbi(), clock,
                MANUAL, null)) {
            UUID owner = InsightsFixture.user(db, "alice");
            UUID id = ingest(insights, owner, "c2", false, new Incoming("user", "Can you call me back?", T));
            insights.runDueJobs();
            assertThat(scored(db, id).kinds()).isEmpty();
            ingest(insights, owner, "c2", true);
            insights.runDueJobs();
            assertThat(scored(db, id).ended()).isTrue();
            assertThat(scored(db, id).kinds()).containsExactly(HealthScorer.UNANSWERED_QUESTION);
        }
    }

    @Test
    void a_conversation_sent_in_after_its_idle_time_is_scored_once_as_ended(@TempDir Path dir) {
        InsightsFixture.MovableClock clock = new InsightsFixture.MovableClock(T.plus(Duration.ofHours(2)));
        try (Database db = InsightsFixture.database(dir); Insights insights = Insights.create(db.jdbi(), clock,
                MANUAL, null)) {
            UUID owner = InsightsFixture.user(db, "alice");
            UUID id = ingest(insights, owner, "late", false, new Incoming("user", "Where is my parcel?", T),
                    new Incoming("assistant", "It arrives on Monday.", T.plusSeconds(2)),
                    new Incoming("user", "And the invoice?", T.plusSeconds(30)));
            assertThat(insights.runDueJobs()).as("one scoring, no idle check and no second scoring").isEqualTo(1);
            Scored scored = scored(db, id);
            assertThat(scored.ended()).isTrue();
            assertThat(scored.needsScoring()).isFalse();
            assertThat(scored.kinds()).as("its last question counts: it has ended")
                    .containsExactly(HealthScorer.UNANSWERED_QUESTION);
            Instant endedAt = db.jdbi().withHandle(h -> h.createQuery(
                    "select ended_at from conversations where id = :c").bind("c", id).mapTo(Instant.class).one());
            assertThat(endedAt).as("ended at its last message").isEqualTo(T.plusSeconds(30));
            int jobs = db.jdbi().withHandle(h -> h.createQuery("select count(*) from insights_jobs")
                    .mapTo(Integer.class).one());
            assertThat(jobs).as("the job removed with its scoring").isZero();
        }
    }

    @Test
    void a_job_enqueued_again_while_it_runs_stays_queued_and_runs_again(@TempDir Path dir) {
        InsightsFixture.MovableClock clock = new InsightsFixture.MovableClock(T.plusSeconds(60));
        try (Database db = InsightsFixture.database(dir)) {
            UUID owner = InsightsFixture.user(db, "alice");
            JobQueue queue = new JobQueue(db.jdbi(), Duration.ofMinutes(5));
            // New messages arrive while the scoring runs: its job is enqueued again (a new version) mid-run.
            ConversationScoring interrupted = new ConversationScoring(db.jdbi(), queue, Duration.ofMinutes(30)) {
                final AtomicInteger runs = new AtomicInteger();

                @Override
                void run(JobQueue.Job job, Instant now) {
                    if (job.kind().equals(JobQueue.SCORE) && runs.getAndIncrement() == 0) {
                        queue.enqueue(JobQueue.SCORE, job.conversationId(), now);
                    }
                    super.run(job, now);
                }
            };
            try (Insights insights = Insights.create(db.jdbi(), clock, MANUAL, interrupted)) {
                UUID id = ingest(insights, owner, "busy", false, new Incoming("user", "hi", T));
                assertThat(insights.runDueJobs()).as("the first run, then the one enqueued meanwhile").isEqualTo(2);
                assertThat(scored(db, id).health()).isEqualTo(100);
                int scoreJobs = db.jdbi().withHandle(h -> h.createQuery(
                        "select count(*) from insights_jobs where kind = :k").bind("k", JobQueue.SCORE)
                        .mapTo(Integer.class).one());
                assertThat(scoreJobs).isZero();
            }
        }
    }

    /** Work that always fails: the job is retried with backoff, then lands in the dead letters. */
    private static final class Failing extends ConversationScoring {
        final AtomicInteger attempts = new AtomicInteger();

        Failing(Database db) {
            super(db.jdbi(), new JobQueue(db.jdbi(), Duration.ofMinutes(5)), Duration.ofMinutes(30));
        }

        @Override
        void run(JobQueue.Job job, Instant now) {
            attempts.incrementAndGet();
            throw new IllegalStateException("scorer broken");
        }
    }

    @Test
    void a_job_that_keeps_failing_is_retried_with_backoff_then_dead_lettered_and_listed(@TempDir Path dir) {
        InsightsFixture.MovableClock clock = new InsightsFixture.MovableClock(T.plusSeconds(60));
        String url = SharedPostgres.newDatabase();
        UUID id;
        try (Database db = Database.open(InsightsFixture.config(dir, url))) {
            Failing failing = new Failing(db);
            try (Insights insights = Insights.create(db.jdbi(), clock, MANUAL, failing)) {
                UUID owner = InsightsFixture.user(db, "alice");
                id = ingest(insights, owner, "c3", false, new Incoming("user", "hi", T));
                assertThat(insights.runDueJobs()).isEqualTo(1);
                assertThat(insights.runDueJobs()).as("not due again before its backoff").isZero();
                for (int attempt = 2; attempt <= JobQueue.MAX_ATTEMPTS; attempt++) {
                    clock.advance(Duration.ofMinutes(5));
                    assertThat(insights.runDueJobs()).as("attempt " + attempt).isEqualTo(1);
                }
                assertThat(failing.attempts).hasValue(JobQueue.MAX_ATTEMPTS);
                clock.advance(Duration.ofHours(1));
                assertThat(insights.runDueJobs()).as("dead: not retried").isZero();
                int jobs = db.jdbi().withHandle(h -> h.createQuery("select count(*) from insights_jobs")
                        .mapTo(Integer.class).one());
                assertThat(jobs).isZero();
            }
        }
        // The owner sees it through the API.
        try (CompanionService service = CompanionService.start(InsightsFixture.config(dir, url))) {
            Http http = new Http(service.baseUri());
            JsonNode letters = http.get("/api/v1/dead-letters", TestService.internalAs("alice")).json()
                    .path("dead_letters");
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).path("kind").asText()).isEqualTo(JobQueue.SCORE);
            assertThat(letters.get(0).path("conversation_id").asText()).isEqualTo(id.toString());
            assertThat(letters.get(0).path("attempts").asInt()).isEqualTo(JobQueue.MAX_ATTEMPTS);
            assertThat(letters.get(0).path("last_error").asText()).contains("scorer broken");
            assertThat(http.get("/api/v1/dead-letters", TestService.internalAs("bob")).json().path("dead_letters"))
                    .as("another owner's").isEmpty();
        }
    }

    /** Counts the scorings of each conversation, whichever worker ran them. */
    private static final class Counting extends ConversationScoring {
        private final Map<UUID, AtomicInteger> runs;
        private final CountDownLatch overlap;

        Counting(Database db, Map<UUID, AtomicInteger> runs, CountDownLatch overlap) {
            super(db.jdbi(), new JobQueue(db.jdbi(), Duration.ofMinutes(5)), Duration.ofMinutes(30));
            this.runs = runs;
            this.overlap = overlap;
        }

        @Override
        void run(JobQueue.Job job, Instant now) {
            if (job.kind().equals(JobQueue.SCORE)) {
                runs.computeIfAbsent(job.conversationId(), k -> new AtomicInteger()).incrementAndGet();
            }
            // Both workers hold a job at the same moment at least once: they really ran side by side.
            overlap.countDown();
            try {
                overlap.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.run(job, now);
        }
    }

    @Test
    void the_background_worker_runs_jobs_on_several_threads_each_once(@TempDir Path dir) {
        InsightsFixture.MovableClock clock = new InsightsFixture.MovableClock(T.plusSeconds(60));
        Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
        CountDownLatch overlap = new CountDownLatch(2);
        Insights.Options threads = new Insights.Options(Duration.ofMinutes(30), Duration.ofSeconds(1),
                Duration.ofMinutes(5), true, 3);
        try (Database db = InsightsFixture.database(dir);
                Insights insights = Insights.create(db.jdbi(), clock, threads, new Counting(db, runs, overlap))) {
            UUID owner = InsightsFixture.user(db, "alice");
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(ingest(insights, owner, "c" + i, false, new Incoming("user", "question " + i + "?", T),
                        new Incoming("assistant", "answer " + i, T.plusSeconds(1))));
            }
            donna.backend.support.Await.until(Duration.ofSeconds(60), "every conversation scored", () ->
                    ids.stream().allMatch(id -> scored(db, id).health() != null));
            assertThat(overlap.getCount()).as("two threads held a job at the same moment").isZero();
            assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(runs.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        }
    }

    @Test
    void two_workers_on_one_database_run_each_job_once(@TempDir Path dir) throws Exception {
        InsightsFixture.MovableClock clock = new InsightsFixture.MovableClock(T.plusSeconds(60));
        Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
        CountDownLatch overlap = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Database db = InsightsFixture.database(dir);
                Insights one = Insights.create(db.jdbi(), clock, MANUAL, new Counting(db, runs, overlap));
                Insights two = Insights.create(db.jdbi(), clock, MANUAL, new Counting(db, runs, overlap))) {
            UUID owner = InsightsFixture.user(db, "alice");
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add(ingest(i % 2 == 0 ? one : two, owner, "c" + i, false,
                        new Incoming("user", "question " + i + "?", T),
                        new Incoming("assistant", "answer " + i, T.plusSeconds(1))));
            }
            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> a = threads.submit(() -> { go.await(); return one.runDueJobs(); });
            Future<Integer> b = threads.submit(() -> { go.await(); return two.runDueJobs(); });
            go.countDown();
            int ranA = a.get(60, TimeUnit.SECONDS);
            int ranB = b.get(60, TimeUnit.SECONDS);
            assertThat(ranA + ranB).isEqualTo(60);
            assertThat(ranA).as("worker one did some").isPositive();
            assertThat(ranB).as("worker two did some").isPositive();
            assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(runs.values()).allSatisfy(n -> assertThat(n).hasValue(1));
            assertThat(ids).allSatisfy(id -> assertThat(scored(db, id).health()).isEqualTo(100));
        } finally {
            threads.shutdownNow();
        }
    }
}
