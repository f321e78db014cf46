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
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.standins.openai.FakeOpenAi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alice has five conversations sent in by her app (two with failures, one mentioning a zebra), Bob one. Every read
 * is Alice's or Bob's own; the other's is 404.
 */
class TestInsightsReads {
    private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir
    static Path dir;
    static FakeOpenAi openAi;
    static TestService service;
    static final List<String> alices = new ArrayList<>();
    static String bobs;

    @BeforeAll
    static void start() {
        openAi = FakeOpenAi.start();
        service = TestService.start(dir, c -> c.withOpenAi(new BackendConfig.OpenAi(Optional.of("sk-test-key"),
                openAi.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(4))), List.of());
        String alice = createKey(service.http(), "alice");
        for (int i = 0; i < 5; i++) {
            Instant at = T.plus(Duration.ofHours(i));
            String reply = switch (i) {
                case 1 -> "Sorry, something went wrong.";
                case 3 -> "I can't help with that.";
                default -> "Sure, done.";
            };
            String question = i == 4 ? "Find the zebra picture" : "Please do task " + i;
            Http.Response tracked = track(service.http(), alice, body("a" + i, message("user", question, at),
                    message("assistant", reply, at.plusSeconds(2))));
            assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
            alices.add(tracked.json().path("conversation_id").asText());
        }
        String bob = createKey(service.http(), "bob");
        bobs = track(service.http(), bob, body("b0", message("user", "Hello", T),
                message("assistant", "Sorry, something went wrong.", T.plusSeconds(1)))).json()
                .path("conversation_id").asText();
        InsightsFixture.pipelineUntil(service, "every conversation scored", () -> service.service().database().jdbi()
                .withHandle(h -> h.createQuery("select count(*) from conversations where scored_at is null")
                        .mapTo(Integer.class).one()) == 0);
    }

    @AfterAll
    static void stop() {
        service.close();
        openAi.close();
    }

    private static JsonNode get(String user, String path) {
        Http.Response response = service.http().get(path, internalAs(user));
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    @Test
    void another_owners_conversation_and_failures_are_404() {
        String bobFailure = get("bob", "/api/v1/conversations/" + bobs + "/failures").path("failures").get(0)
                .path("id").asText();
        for (String path : List.of("", "/messages", "/failures", "/health")) {
            Http.Response refused = service.http().get("/api/v1/conversations/" + bobs + path, internalAs("alice"));
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.errorCode()).isEqualTo("not_found");
        }
        assertThat(service.http().get("/api/v1/conversations/not-a-uuid", internalAs("alice")).status())
                .isEqualTo(404);
        assertThat(send(service.http(), "PATCH", "/api/v1/failures/" + bobFailure, "{\"status\":\"resolved\"}",
                internalAs("alice")).status()).isEqualTo(404);
        assertThat(ids(get("alice", "/api/v1/conversations").path("conversations")))
                .containsExactlyInAnyOrderElementsOf(alices);
        assertThat(ids(get("bob", "/api/v1/conversations").path("conversations"))).containsExactly(bobs);
    }

    @Test
    void a_conversation_its_messages_and_failures_are_read_by_the_owner() {
        JsonNode one = get("alice", "/api/v1/conversations/" + alices.get(1)).path("conversation");
        assertThat(one.path("external_id").asText()).isEqualTo("a1");
        assertThat(one.path("health_score").asInt()).isLessThan(100);
        assertThat(one.path("health_breakdown").path("penalties").path("assistant_error").asInt()).isPositive();
        JsonNode health = get("alice", "/api/v1/conversations/" + alices.get(1) + "/health").path("health");
        assertThat(health.path("score").asInt()).isEqualTo(one.path("health_score").asInt());
        assertThat(health.path("breakdown")).isEqualTo(one.path("health_breakdown"));
        assertThat(health.path("scored_at").isTextual()).isTrue();
        JsonNode messages = get("alice", "/api/v1/conversations/" + alices.get(1) + "/messages").path("messages");
        assertThat(messages).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("Sorry, something went wrong.");
        JsonNode failures = get("alice", "/api/v1/conversations/" + alices.get(1) + "/failures").path("failures");
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.path("kind").asText()).isEqualTo("assistant_error");
            assertThat(f.path("status").asText()).isEqualTo("open");
            assertThat(f.path("message_id").asLong()).isEqualTo(messages.get(1).path("id").asLong());
        });
    }

    @Test
    void the_list_filters_by_period_health_failures_source_and_text() {
        assertThat(ids(get("alice", "/api/v1/conversations?has_failures=true").path("conversations")))
                .containsExactlyInAnyOrder(alices.get(1), alices.get(3));
        assertThat(ids(get("alice", "/api/v1/conversations?has_failures=false").path("conversations")))
                .containsExactlyInAnyOrder(alices.get(0), alices.get(2), alices.get(4));
        assertThat(ids(get("alice", "/api/v1/conversations?health_min=100").path("conversations")))
                .containsExactlyInAnyOrder(alices.get(0), alices.get(2), alices.get(4));
        assertThat(ids(get("alice", "/api/v1/conversations?health_max=99").path("conversations")))
                .containsExactlyInAnyOrder(alices.get(1), alices.get(3));
        assertThat(ids(get("alice", "/api/v1/conversations?q=ZEBRA").path("conversations")))
                .containsExactly(alices.get(4));
        assertThat(ids(get("alice", "/api/v1/conversations?q=a3").path("conversations"))).as("by external id")
                .containsExactly(alices.get(3));
        assertThat(get("alice", "/api/v1/conversations?source=donna-chat").path("conversations")).isEmpty();
        assertThat(get("alice", "/api/v1/conversations?source=api").path("conversations")).hasSize(5);
        assertThat(ids(get("alice", "/api/v1/conversations?from=" + T.plus(Duration.ofHours(1)) + "&to="
                + T.plus(Duration.ofHours(3))).path("conversations")))
                .containsExactly(alices.get(2), alices.get(1));
        for (String bad : List.of("health_min=abc", "health_max=101", "source=slack", "from=yesterday",
                "has_failures=maybe", "cursor=%25%25", "limit=0")) {
            Http.Response refused = service.http().get("/api/v1/conversations?" + bad, internalAs("alice"));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("validation_failed");
            assertThat(refused.json().path("error").path("message").asText()).startsWith(bad.split("=")[0]);
        }
    }

    @Test
    void cursor_paging_walks_every_conversation_once_newest_first() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("alice", "/api/v1/conversations?limit=2" + (cursor == null ? "" : "&cursor="
                    + cursor));
            assertThat(page.path("conversations").size()).isLessThanOrEqualTo(2);
            seen.addAll(ids(page.path("conversations")));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(alices.reversed());
    }

    @Test
    void summary_and_trends_count_the_owners_conversations_and_failures() {
        JsonNode summary = get("alice", "/api/v1/analytics/summary").path("summary");
        assertThat(summary.path("conversations").asInt()).isEqualTo(5);
        assertThat(summary.path("scored").asInt()).isEqualTo(5);
        assertThat(summary.path("with_failures").asInt()).isEqualTo(2);
        assertThat(summary.path("share_with_failures").asDouble()).isEqualTo(0.4);
        assertThat(summary.path("average_health").asDouble()).isLessThan(100).isGreaterThan(50);
        assertThat(summary.path("open_failures").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(get("alice", "/api/v1/analytics/summary?source=donna-voice").path("summary")
                .path("conversations").asInt()).isZero();
        assertThat(get("alice", "/api/v1/analytics/summary?from=" + T.plus(Duration.ofHours(3))).path("summary")
                .path("conversations").asInt()).isEqualTo(2);

        JsonNode daily = get("alice", "/api/v1/analytics/failures/trends?bucket=day&from=2026-11-19&to=2026-11-22");
        assertThat(daily.path("failures")).hasSize(2);
        assertThat(daily.path("failures")).allSatisfy(p -> {
            assertThat(p.path("start").asText()).isEqualTo("2026-11-20T00:00:00Z");
            assertThat(p.path("count").asInt()).isEqualTo(1);
        });
        assertThat(daily.path("failures")).extracting(p -> p.path("kind").asText())
                .containsExactly("assistant_error", "assistant_refusal");
        assertThat(daily.path("health")).singleElement().satisfies(p ->
                assertThat(p.path("conversations").asInt()).isEqualTo(5));
        JsonNode hourly = get("alice", "/api/v1/analytics/failures/trends?bucket=hour&from=2026-11-20&to=2026-11-21");
        assertThat(hourly.path("failures")).extracting(p -> p.path("start").asText())
                .containsExactly("2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z");
        assertThat(service.http().get("/api/v1/analytics/failures/trends?bucket=week", internalAs("alice"))
                .errorCode()).isEqualTo("validation_failed");
    }

    @Test
    void a_failure_can_be_acknowledged_and_resolved_by_its_owner() {
        String failure = get("alice", "/api/v1/conversations/" + alices.get(3) + "/failures").path("failures").get(0)
                .path("id").asText();
        Http.Response acked = send(service.http(), "PATCH", "/api/v1/failures/" + failure, "{\"status\":\"ack\"}",
                internalAs("alice"));
        assertThat(acked.status()).isEqualTo(200);
        assertThat(acked.json().path("failure").path("status").asText()).isEqualTo("ack");
        assertThat(get("alice", "/api/v1/conversations/" + alices.get(3) + "/failures").path("failures").get(0)
                .path("status").asText()).isEqualTo("ack");
        Http.Response bad = send(service.http(), "PATCH", "/api/v1/failures/" + failure, "{\"status\":\"gone\"}",
                internalAs("alice"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("validation_failed");
    }

    @Test
    void settings_are_stored_per_owner_and_the_webhook_is_never_shown_whole() {
        JsonNode defaults = get("carol", "/api/v1/settings").path("settings");
        assertThat(defaults.path("alert_health_below").isNull()).isTrue();
        assertThat(defaults.path("slack_webhook_configured").asBoolean()).isFalse();
        String hook = "https://93.184.216.34/services/T000/B000/abcdefSECRETxyz9";
        Http.Response put = send(service.http(), "PUT", "/api/v1/settings", "{\"alert_health_below\":60,"
                + "\"alert_on_failure_kinds\":[\"abuse\",\"tool_failure\"],\"slack_webhook_url\":\"" + hook + "\"}",
                internalAs("carol"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode stored = get("carol", "/api/v1/settings").path("settings");
        assertThat(stored.path("alert_health_below").asInt()).isEqualTo(60);
        assertThat(stored.path("alert_on_failure_kinds")).extracting(JsonNode::asText)
                .containsExactly("abuse", "tool_failure");
        assertThat(stored.path("slack_webhook_configured").asBoolean()).isTrue();
        assertThat(stored.toString()).doesNotContain("SECRET").contains("93.184.216.34");
        assertThat(get("dan", "/api/v1/settings").path("settings").path("slack_webhook_configured").asBoolean())
                .as("another owner's").isFalse();

        send(service.http(), "PUT", "/api/v1/settings", "{\"alert_health_below\":null}", internalAs("carol"));
        JsonNode partly = get("carol", "/api/v1/settings").path("settings");
        assertThat(partly.path("alert_health_below").isNull()).isTrue();
        assertThat(partly.path("slack_webhook_configured").asBoolean()).as("untouched").isTrue();

        for (String bad : List.of("{\"alert_health_below\":101}", "{\"alert_on_failure_kinds\":[\"gremlins\"]}",
                "{\"slack_webhook_url\":\"http://hooks.slack.com/x\"}", "{\"slack_webhook_url\":\"not a url\"}")) {
            Http.Response refused = send(service.http(), "PUT", "/api/v1/settings", bad, internalAs("carol"));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("validation_failed");
        }
    }

    @Test
    void donnas_own_typed_turns_and_voice_transcripts_are_mirrored_and_scored() {
        Http.Response chat = service.http().post("/api/chat", "{\"message\":\"Hi DONNA\"}", internalAs("erin"));
        assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        String chatId = chat.json().path("metadata").path("chat_id").asText();
        Http.Response voice = service.http().post("/api/db/chat", "{\"chat_id\":\"" + chatId + "\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"spoken question?\",\"source\":\"voice\"},"
                + "{\"role\":\"assistant\",\"content\":\"spoken answer\",\"source\":\"voice\"}]}", internalAs("erin"));
        assertThat(voice.status()).as(voice.body()).isEqualTo(200);

        InsightsFixture.pipelineUntil(service, "erin's conversations scored", () -> {
            JsonNode list = get("erin", "/api/v1/conversations").path("conversations");
            return list.size() == 2 && !list.get(0).path("health_score").isNull()
                    && !list.get(1).path("health_score").isNull();
        });
        JsonNode typed = get("erin", "/api/v1/conversations?source=donna-chat").path("conversations");
        assertThat(typed).singleElement().satisfies(c -> {
            assertThat(c.path("external_id").asText()).isEqualTo("chat:" + chatId);
            assertThat(c.path("message_count").asInt()).isEqualTo(2);
        });
        JsonNode messages = get("erin", "/api/v1/conversations/" + typed.get(0).path("id").asText() + "/messages")
                .path("messages");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("Hi DONNA");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).path("latency_ms").isInt()).isTrue();
        JsonNode spoken = get("erin", "/api/v1/conversations?source=donna-voice").path("conversations");
        assertThat(spoken).singleElement().satisfies(c ->
                assertThat(c.path("external_id").asText()).isEqualTo("voice:" + chatId));
        assertThat(get("alice", "/api/v1/conversations?source=donna-chat").path("conversations"))
                .as("erin's, not alice's").isEmpty();
    }
}
