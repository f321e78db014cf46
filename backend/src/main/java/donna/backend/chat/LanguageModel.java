package donna.backend.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Consumer;

/** Writes DONNA's reply. The OpenAI Responses API in production; a seam so the chat logic is not tied to it. */
public interface LanguageModel {

    /** One prior or current message of the conversation, as the model sees it. */
    record Turn(String role, String text) {}

    /**
     * @param instructions the profile's instructions plus what DONNA remembers of the user
     * @param conversation the kept history, oldest first, ending with the user's new message
     * @param tools        functions the model may call instead of answering in text
     */
    record Prompt(String instructions, List<Turn> conversation, List<Tool> tools) {}

    /** A function the model may call: name, description and a JSON schema of its parameters. */
    record Tool(String name, String description, JsonNode parameters) {}

    /** The reply text, and the action the model chose, if any. */
    record Generation(String text, String actionName, String actionArgumentsJson) {
        public boolean hasAction() {
            return actionName != null;
        }
    }

    /** Blocks until the reply is complete, calling {@code onDelta} with each piece of text as it arrives. */
    Generation generate(Prompt prompt, Consumer<String> onDelta);
}
