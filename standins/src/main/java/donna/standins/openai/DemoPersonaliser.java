package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Demo mode's campaign openings: for the service's "campaign opening line" request, one sentence built from the
 * recipient's facts it was given (first name, company), as a model would write it from the same facts.
 */
final class DemoPersonaliser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoPersonaliser() {}

    static Optional<String> line(JsonNode request) {
        if (!request.path("instructions").asText().contains("campaign opening line")) {
            return Optional.empty();
        }
        String input = CannedAssistant.lastUserText(request.path("input"));
        int start = input.indexOf('{');
        int end = input.lastIndexOf('}');
        JsonNode facts;
        try {
            facts = start < 0 || end < start ? JSON.createObjectNode()
                    : JSON.readTree(input.substring(start, end + 1)).path("recipient");
        } catch (java.io.IOException e) {
            facts = JSON.createObjectNode();
        }
        String name = text(facts, "first_name", text(facts, "name", ""));
        String company = text(facts, "company", "");
        String who = name.isEmpty() ? "" : ", " + name;
        return Optional.of(company.isEmpty() ? "I hope this finds you well" + who + "."
                : "I hope all is well at " + company + who + ".");
    }

    private static String text(JsonNode facts, String field, String otherwise) {
        String value = facts.path(field).asText("").strip();
        return value.isEmpty() ? otherwise : value;
    }
}
