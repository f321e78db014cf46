package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.insights.InsightsClient;
import donna.core.insights.Patterns;
import donna.core.insights.UsagePattern;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of the patterns routes and the LLM judge's setting (docs/api.md, "Insights"). */
class TestInsightsPatternsClient {
    private final StubServer stub;
    private final InsightsClient insights;

    TestInsightsPatternsClient() throws IOException {
        stub = new StubServer();
        insights = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local").build()
                .insights();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void patterns_are_read_tolerantly_and_analyse_now_posts() {
        String body = """
                {"success":true,"analyzed_at":"2026-12-07T03:00:00Z","period_from":"2026-11-07T03:00:00Z",
                 "period_to":"2026-12-07T03:00:00Z",
                 "topics":[{"id":"p1","kind":"topic","label":"refund","terms":["refund"],"failure_kinds":[],
                   "conversation_count":12,"conversations":[{"id":"c1","external_id":"t-1","source":"api",
                   "health_score":40,"started_at":"2026-12-06T10:00:00Z"},{"external_id":"no id"}]},
                   {"label":"no id either"}],
                 "failure_clusters":[{"id":"p2","kind":"failure_cluster","label":"user_frustration · refund",
                   "terms":["refund"],"failure_kinds":["user_frustration"],"conversation_count":3,"conversations":[]}],
                 "similar":[]}""";
        stub.on("GET /api/v1/analytics/patterns", StubServer.Answer.json(200, body));
        stub.on("POST /api/v1/analytics/patterns/analyze", StubServer.Answer.json(200, body));

        Patterns p = insights.patterns();
        assertThat(p.analyzedAt()).isEqualTo(Instant.parse("2026-12-07T03:00:00Z"));
        assertThat(p.topics()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(UsagePattern.TOPIC);
            assertThat(t.conversationCount()).isEqualTo(12);
            assertThat(t.conversations()).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo("c1");
                assertThat(c.healthScore()).isEqualTo(40);
            });
        });
        assertThat(p.failureClusters()).singleElement().extracting(UsagePattern::failureKinds)
                .isEqualTo(java.util.List.of("user_frustration"));
        assertThat(p.similar()).isEmpty();

        insights.analyzePatterns();
        assertThat(stub.seen.getLast().method()).isEqualTo("POST");
        assertThat(stub.seen.getLast().uri()).isEqualTo("/api/v1/analytics/patterns/analyze");
    }

    @Test
    void before_any_analysis_there_is_nothing_and_no_time() {
        stub.on("GET /api/v1/analytics/patterns", StubServer.Answer.json(200, "{\"success\":true,\"analyzed_at\":null,"
                + "\"topics\":[],\"failure_clusters\":[],\"similar\":[]}"));
        Patterns p = insights.patterns();
        assertThat(p.analyzedAt()).isNull();
        assertThat(p.topics()).isEmpty();
    }

    @Test
    void the_judge_is_switched_alone_and_read_back() throws Exception {
        stub.on("PUT /api/v1/settings", StubServer.Answer.json(200, "{\"success\":true,\"settings\":"
                + "{\"alert_health_below\":null,\"alert_on_failure_kinds\":[],\"slack_webhook_configured\":false,"
                + "\"slack_webhook_url\":null,\"llm_judge_enabled\":true}}"));
        stub.on("GET /api/v1/settings", StubServer.Answer.json(200, "{\"success\":true,\"settings\":"
                + "{\"alert_health_below\":null,\"alert_on_failure_kinds\":[],\"slack_webhook_configured\":false}}"));
        assertThat(insights.setLlmJudge(true).llmJudgeEnabled()).isTrue();
        assertThat(new ObjectMapper().readTree(stub.seen.getLast().body()))
                .isEqualTo(new ObjectMapper().readTree("{\"llm_judge_enabled\":true}"));
        assertThat(insights.settings().llmJudgeEnabled()).as("an older service: off").isFalse();
    }
}
