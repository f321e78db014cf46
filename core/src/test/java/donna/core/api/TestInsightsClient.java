package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.insights.ConversationFilter;
import donna.core.insights.ConversationPage;
import donna.core.insights.Failure;
import donna.core.insights.InsightsClient;
import donna.core.insights.Message;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of "Insights" (docs/api.md): the routes' queries and bodies, the answers read tolerantly. */
class TestInsightsClient {
    static final String CONVERSATION = """
            {"id":"c-1","external_id":"ticket-1","source":"api","metadata":{"app":"bot"},
             "started_at":"2026-12-01T10:00:00Z","last_message_at":"2026-12-01T10:01:00+00:00","ended_at":null,
             "message_count":3,"health_score":63,"scored_at":"2026-12-01T10:01:02Z","failure_count":2}""";

    private final StubServer stub;
    private final InsightsClient insights;

    TestInsightsClient() throws IOException {
        stub = new StubServer();
        insights = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local").build()
                .insights();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void the_list_carries_every_filter_and_the_cursor_and_reads_the_next_cursor() {
        stub.on("GET /api/v1/conversations", StubServer.Answer.json(200, "{\"success\":true,\"conversations\":["
                + CONVERSATION + ",{\"external_id\":\"no id\"}],\"next_cursor\":\"abc\"}"));

        ConversationPage page = insights.conversations(new ConversationFilter(Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-08T00:00:00Z"), 10, 80, true, "api", " order & pay "), 25, "cur/1");

        assertThat(stub.seen.getFirst().uri()).isEqualTo("/api/v1/conversations?from=2026-12-01T00%3A00%3A00Z"
                + "&to=2026-12-08T00%3A00%3A00Z&health_min=10&health_max=80&has_failures=true&source=api"
                + "&q=order%20%26%20pay&limit=25&cursor=cur%2F1");
        assertThat(stub.seen.getFirst().header("X-Donna-User")).isEqualTo("local");
        assertThat(page.nextCursor()).isEqualTo("abc");
        assertThat(page.conversations()).singleElement().satisfies(c -> {
            assertThat(c.healthScore()).isEqualTo(63);
            assertThat(c.lastMessageAt()).isEqualTo(Instant.parse("2026-12-01T10:01:00Z"));
            assertThat(c.failureCount()).isEqualTo(2);
            assertThat(c.breakdown()).isNull();
        });

        insights.conversations(ConversationFilter.all(), 50, null);
        assertThat(stub.seen.getLast().uri()).isEqualTo("/api/v1/conversations?limit=50");
    }

    @Test
    void one_conversation_has_its_breakdown_messages_with_tool_steps_and_failures() {
        stub.on("GET /api/v1/conversations/c-1", StubServer.Answer.json(200, "{\"success\":true,\"conversation\":"
                + CONVERSATION.replace("\"failure_count\":2", "\"failure_count\":2,\"health_breakdown\":{\"base\":100,"
                + "\"penalties\":{\"tool_failure\":12,\"slow_response\":25},\"sentiment_penalty\":0,"
                + "\"signals\":{\"messages\":3,\"avg_latency_ms\":31000},\"ended\":false}") + "}"));
        stub.on("GET /api/v1/conversations/c-1/messages", StubServer.Answer.json(200, """
                {"success":true,"messages":[
                 {"id":7,"role":"user","content":"Book it","timestamp":"2026-12-01T10:00:00Z","sentiment":0.1},
                 {"id":8,"role":"tool","content":"calendar","timestamp":"2026-12-01T10:00:01Z",
                  "metadata":{"status":"failed"}},
                 {"id":9,"role":"assistant","content":"Done","timestamp":"2026-12-01T10:00:31Z","latency_ms":31000}],
                 "next_after":9}"""));
        stub.on("GET /api/v1/conversations/c-1/failures", StubServer.Answer.json(200, """
                {"success":true,"failures":[{"id":"f-1","conversation_id":"c-1","kind":"tool_failure",
                 "severity":"medium","message_id":8,"detail":"calendar failed","status":"open",
                 "occurred_at":"2026-12-01T10:00:01Z"}]}"""));

        var c = insights.conversation("c-1");
        var messages = insights.messages("c-1", null, 200);
        List<Failure> failures = insights.failures("c-1");

        assertThat(c.breakdown().penalties()).containsEntry("tool_failure", 12).containsEntry("slow_response", 25);
        assertThat(c.breakdown().signals()).containsEntry("avg_latency_ms", "31000");
        assertThat(stub.seen.get(1).uri()).isEqualTo("/api/v1/conversations/c-1/messages?limit=200");
        assertThat(messages.messages()).extracting(Message::role).containsExactly("user", "tool", "assistant");
        assertThat(messages.messages().get(1).isTool()).isTrue();
        assertThat(messages.messages().get(1).toolStatus()).isEqualTo("failed");
        assertThat(messages.messages().get(2).latencyMs()).isEqualTo(31000L);
        assertThat(messages.nextAfter()).isEqualTo(9L);
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("tool_failure");
            assertThat(f.messageId()).isEqualTo(8L);
        });
    }

    @Test
    void summary_and_trends_read_the_tiles_and_the_points() {
        stub.on("GET /api/v1/analytics/summary", StubServer.Answer.json(200, """
                {"success":true,"summary":{"conversations":4,"scored":3,"average_health":71.5,"open_failures":2,
                 "with_failures":1,"share_with_failures":0.25}}"""));
        stub.on("GET /api/v1/analytics/failures/trends", StubServer.Answer.json(200, """
                {"success":true,"bucket":"day","from":"2026-11-30T00:00:00Z","to":"2026-12-07T00:00:00Z",
                 "failures":[{"start":"2026-12-01T00:00:00Z","kind":"abuse","count":2}],
                 "health":[{"start":"2026-12-01T00:00:00Z","average_health":null,"conversations":1},
                           {"start":"2026-12-02T00:00:00Z","average_health":80.0,"conversations":2}]}"""));

        var summary = insights.summary(ConversationFilter.all().withSource("donna-voice"));
        var trends = insights.trends("day", ConversationFilter.all());

        assertThat(stub.seen.getFirst().uri()).isEqualTo("/api/v1/analytics/summary?source=donna-voice");
        assertThat(summary.averageHealth()).isEqualTo(71.5);
        assertThat(summary.shareWithFailures()).isEqualTo(0.25);
        assertThat(stub.seen.getLast().uri()).isEqualTo("/api/v1/analytics/failures/trends?bucket=day");
        assertThat(trends.health()).extracting(p -> p.averageHealth()).containsExactly(null, 80.0);
        assertThat(trends.failures()).singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(2));
    }

    @Test
    void failure_status_settings_and_keys_send_what_the_routes_expect() throws Exception {
        ObjectMapper json = new ObjectMapper();
        stub.on("PATCH /api/v1/failures/f-1", StubServer.Answer.json(200, "{\"success\":true,\"failure\":"
                + "{\"id\":\"f-1\",\"kind\":\"abuse\",\"status\":\"ack\"}}"));
        stub.on("PUT /api/v1/settings", StubServer.Answer.json(200, "{\"success\":true,\"settings\":"
                + "{\"alert_health_below\":50,\"alert_on_failure_kinds\":[\"abuse\"],\"slack_webhook_configured\":true,"
                + "\"slack_webhook_url\":\"hooks.slack.com/...abcd\"}}"));
        stub.on("POST /api/v1/api-keys", StubServer.Answer.json(201, "{\"success\":true,\"api_key\":{\"id\":\"k-1\","
                + "\"name\":\"bot\",\"prefix\":\"dk_abc\",\"created_at\":\"2026-12-01T10:00:00Z\"},"
                + "\"secret\":\"dk_abc_SECRET\"}"));
        stub.on("DELETE /api/v1/api-keys/k-1", StubServer.Answer.json(200, "{\"success\":true}"));

        assertThat(insights.setFailureStatus("f-1", "ack").status()).isEqualTo("ack");
        assertThat(json.readTree(stub.seen.getLast().body()).path("status").asText()).isEqualTo("ack");

        var saved = insights.saveSettings(50, List.of("abuse"), "https://hooks.slack.com/services/x");
        assertThat(json.readTree(stub.seen.getLast().body())).isEqualTo(json.readTree(
                "{\"alert_health_below\":50,\"alert_on_failure_kinds\":[\"abuse\"],"
                        + "\"slack_webhook_url\":\"https://hooks.slack.com/services/x\"}"));
        assertThat(saved.slackWebhookConfigured()).isTrue();
        insights.saveSettings(null, List.of(), null);
        assertThat(json.readTree(stub.seen.getLast().body()).has("slack_webhook_url")).as("kept as stored").isFalse();
        assertThat(json.readTree(stub.seen.getLast().body()).get("alert_health_below").isNull()).isTrue();

        var key = insights.createApiKey("bot");
        assertThat(key.secret()).isEqualTo("dk_abc_SECRET");
        assertThat(key.toString()).doesNotContain("SECRET");
        insights.revokeApiKey("k-1");
        assertThat(stub.seen.getLast().method()).isEqualTo("DELETE");
    }

    @Test
    void a_service_without_the_test_alert_route_says_a_newer_one_is_needed() {
        stub.on("POST /api/v1/settings/test-alert", StubServer.Answer.json(404, "{\"success\":false,\"error\":"
                + "{\"code\":\"not_found\",\"message\":\"No route POST /api/v1/settings/test-alert\"}}"));
        assertThatThrownBy(insights::sendTestAlert).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.error().code()).isEqualTo(InsightsClient.NO_TEST_ALERT));

        stub.on("POST /api/v1/settings/test-alert", StubServer.Answer.json(404, "{\"success\":false,\"error\":"
                + "{\"code\":\"not_found\",\"message\":\"No Slack webhook is saved\"}}"));
        assertThatThrownBy(insights::sendTestAlert).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.error().code()).as("the service's own 404 passes through").isEqualTo("not_found"));
    }
}
