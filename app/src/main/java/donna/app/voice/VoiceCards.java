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
        return turnActions(List.of(action));
    }

    /**
     * What one call produced, as one turn's {@code metadata.actions} (so a draft the same turn asks to send shows as
     * that confirmation only, as in the chat); an entry that is not readable is left out.
     */
    static List<TurnAction> turnActions(List<ToolAction> actions) {
        ArrayNode turn = JSON.createArrayNode();
        for (ToolAction action : actions) {
            ObjectNode entry = entry(action);
            if (entry != null) {
                turn.add(entry);
            }
        }
        return ToolJson.actions(turn);
    }

    private static ObjectNode entry(ToolAction action) {
        if (action.type() == null) {
            return null;
        }
        ObjectNode entry = JSON.createObjectNode();
        if (action.cardJson() != null) {
            try {
                JsonNode card = JSON.readTree(action.cardJson());
                if (card.isObject()) {
                    entry.setAll((ObjectNode) card);
                }
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        entry.put("type", action.type());
        return entry;
    }
}
