package donna.app.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.tools.ToolJson;
import donna.core.tools.TurnAction;
import donna.core.voice.ToolAction;
import java.util.List;

/** A spoken turn's tool action in the shape of a typed turn's {@code metadata.actions}, so both become one card. */
final class VoiceCards {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VoiceCards() {}

    /** {@code {"type": action, ...card}}, parsed as the chat parses it; empty when the card is not readable. */
    static List<TurnAction> turnActions(ToolAction action) {
        if (action.type() == null) {
            return List.of();
        }
        ObjectNode entry = JSON.createObjectNode();
        if (action.cardJson() != null) {
            try {
                JsonNode card = JSON.readTree(action.cardJson());
                if (card.isObject()) {
                    entry.setAll((ObjectNode) card);
                }
            } catch (JsonProcessingException e) {
                return List.of();
            }
        }
        entry.put("type", action.type());
        ArrayNode turn = JSON.createArrayNode().add(entry);
        return ToolJson.actions(turn);
    }
}
