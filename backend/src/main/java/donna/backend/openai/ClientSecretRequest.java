package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * What a client secret is minted for: the realtime session the app will open with it.
 *
 * @param model              the realtime model
 * @param voice              the voice DONNA speaks with
 * @param instructions       the profile's instructions (plus what DONNA remembers)
 * @param transcriptionModel the model that transcribes the user's audio (transcripts are kept in the history)
 * @param ttl                how long the secret can open a connection (10 s to 2 h)
 * @param tools              the session's function tools, Realtime format ({@code {"type":"function","name",
 *                           "description","parameters"}}); empty for none
 */
public record ClientSecretRequest(String model, String voice, String instructions, String transcriptionModel,
        Duration ttl, List<JsonNode> tools) {
    public ClientSecretRequest {
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
