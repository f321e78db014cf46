package donna.sdk.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.sdk.Conversation;
import donna.sdk.Insights;
import donna.sdk.Message;
import donna.sdk.OpenAiResponses;
import donna.sdk.Stats;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The runnable example of docs/insights.md ("The Java SDK"): an outside app's support bot sends a conversation and
 * an OpenAI Responses call to DONNA Insights. Uses the SDK's public API only; {@code TestSdkExample} runs it.
 *
 * <pre>
 * DONNA_URL=https://donna.example.com DONNA_INSIGHTS_KEY=dk_... \
 *   ./mvnw -q -pl sdk test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=donna.sdk.example.SupportBot
 * </pre>
 */
public final class SupportBot {
    private SupportBot() {}

    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("DONNA_URL", "http://127.0.0.1:8080");
        String key = System.getenv("DONNA_INSIGHTS_KEY");
        if (key == null || key.isBlank()) {
            System.err.println("Set DONNA_INSIGHTS_KEY to a key from DONNA (Insights > Settings > Create key).");
            System.exit(2);
        }
        Stats stats = run(url, key, "ticket-" + Instant.now().getEpochSecond());
        System.out.println(stats);
        if (stats.failed() > 0 || stats.dropped() > 0) {
            System.exit(1);
        }
    }

    public static Stats run(String url, String key, String ticket) {
        // One Insights per application: it owns a queue and a background sender. Close it on shutdown.
        try (Insights insights = Insights.builder().apiKey(key).baseUrl(url).build()) {
            // Keep each message's timestamp: sending the conversation again adds only messages not seen before.
            Instant asked = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            insights.track(Conversation.builder(ticket).metadata("app", "support-bot")
                    .user("Where is my order?", asked)
                    .message(Message.assistant("It ships tomorrow.", asked.plusSeconds(2)).with("latency_ms", 1900))
                    .build());

            // An OpenAI Responses call, recorded from its JSON. A canned answer stands in for your client's call.
            ObjectMapper json = new ObjectMapper();
            ObjectNode request = json.createObjectNode().put("model", "gpt-5-mini")
                    .put("instructions", "You are a shop assistant.").put("input", "Can it come any faster?");
            JsonNode answer = OpenAiResponses.record(insights, ticket, request, req -> cannedAnswer(json));
            System.out.println("assistant: " + answer.at("/output/0/content/0/text").asText());

            // Not needed before close (it flushes too), but says whether everything went.
            insights.flush(Duration.ofSeconds(10));
            return insights.stats();
        }
    }

    private static JsonNode cannedAnswer(ObjectMapper json) {
        try {
            return json.readTree("""
                    {"id":"resp_example","status":"completed","model":"gpt-5-mini",
                     "output":[{"type":"message","role":"assistant",
                       "content":[{"type":"output_text","text":"I can't speed up the courier, sorry."}]}],
                     "usage":{"input_tokens":31,"output_tokens":9}}""");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
