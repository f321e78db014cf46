package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The demo-mode assistant: friendly, short, and honest that it only echoes, except for the few requests
 * {@link DemoToolBrain} acts on with the tools the service offers.
 */
final class CannedAssistant {
    private static final int MAX_ECHO = 200;

    private CannedAssistant() {}

    /** The answer to a {@code /v1/responses} request body. */
    static Reply answer(JsonNode request) {
        return DemoJudge.answer(request).or(() -> DemoToolBrain.next(request))
                .or(() -> DemoTriager.triage(lastUserText(request.path("input"))))
                .or(() -> DemoPersonaliser.line(request).map(Reply::text))
                .or(() -> DemoDrafter.draft(lastUserText(request.path("input"))).map(Reply::text))
                .or(() -> DemoLeadClassifier.classify(lastUserText(request.path("input"))).map(Reply::text))
                .orElseGet(() -> Reply.text(echo(request.path("input"))));
    }

    static String echo(JsonNode input) {
        String said = lastUserText(input).strip();
        if (said.isEmpty()) {
            return "Hi, I'm DONNA (demo mode). Ask me anything and I'll do my best to help.";
        }
        String lower = said.toLowerCase(Locale.ROOT);
        if (lower.matches("^(hi|hello|hey|good (morning|afternoon|evening))\\b.*")) {
            return "Hello! I'm DONNA, running in demo mode. How can I help you today?";
        }
        String echo = said.length() > MAX_ECHO ? said.substring(0, MAX_ECHO) + "..." : said;
        return "You said: \"" + echo + "\". I'm DONNA in demo mode, so I can only echo you for now. "
                + "Add an OpenAI API key in Settings for real answers.";
    }

    /** The text of the last user message: {@code input} is a string or an array of message items. */
    static String lastUserText(JsonNode input) {
        if (input.isTextual()) {
            return input.asText();
        }
        for (int i = input.size() - 1; i >= 0; i--) {
            JsonNode item = input.get(i);
            if ("user".equals(item.path("role").asText())) {
                return contentText(item.path("content"));
            }
        }
        return "";
    }

    static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }
}
