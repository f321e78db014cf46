package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo-mode answer to DONNA Insights' LLM judge (instructions naming the "conversation judge of DONNA
 * Insights"): a verdict in the judge's JSON form from a few word checks over the conversation's lines, and a reason
 * that says so, since no model looked at it.
 */
final class DemoJudge {
    static final String MARKER = "conversation judge of DONNA Insights";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoJudge() {}

    static Optional<Reply> answer(JsonNode request) {
        if (!request.path("instructions").asText("").contains(MARKER)) {
            return Optional.empty();
        }
        String transcript = CannedAssistant.lastUserText(request.path("input"));
        boolean frustrated = false;
        boolean failed = false;
        int messages = 0;
        for (String line : transcript.split("\n")) {
            if (!line.startsWith("{")) {
                continue; // the block's marker lines and the heading
            }
            JsonNode m;
            try {
                m = JSON.readTree(line);
            } catch (IOException e) {
                continue;
            }
            messages++;
            String content = m.path("content").asText("").toLowerCase(Locale.ROOT);
            if (m.path("role").asText().equals("user") && (content.contains("not what i asked")
                    || content.contains("already told you") || content.contains("useless")
                    || content.contains("wrong"))) {
                frustrated = true;
            }
            if (m.path("role").asText().equals("assistant") && (content.contains("something went wrong")
                    || content.contains("an error occurred"))) {
                failed = true;
            }
        }
        ObjectNode verdict = JSON.createObjectNode();
        int score = 90 - (frustrated ? 30 : 0) - (failed ? 30 : 0);
        verdict.put("score", messages == 0 ? 50 : score);
        verdict.put("reason", "Demo judge: word checks only, no model looked at this conversation.");
        var failures = verdict.putArray("failures");
        if (frustrated) {
            failures.addObject().put("kind", "user_frustration").put("severity", "medium")
                    .put("reason", "The user said the answer was wrong or not what they asked.");
        }
        if (failed) {
            failures.addObject().put("kind", "assistant_error").put("severity", "high")
                    .put("reason", "The assistant reported an error.");
        }
        return Optional.of(Reply.text(verdict.toString()));
    }
}
