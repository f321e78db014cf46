package donna.backend.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Consumer;

/** Writes DONNA's reply. The OpenAI Responses API in production; a seam so the chat logic is not tied to it. */
public interface LanguageModel {

    /**
     * One prior or current message of the conversation, as the model sees it.
     *
     * @param toolItems for an assistant message: the tool calls and their outputs that came before it in its turn,
     *                  in order (the model needs them in later turns, e.g. the id of a draft it made)
     */
    record Turn(String role, String text, List<ToolItem> toolItems) {
        public Turn {
            toolItems = toolItems == null ? List.of() : List.copyOf(toolItems);
        }

        public Turn(String role, String text) {
            this(role, text, List.of());
        }
    }

    /** A step of the tool loop as the model sees it again: its own call, its text, or a call's answer. */
    sealed interface ToolItem {}

    /** Text the model wrote alongside its calls in one response. */
    record Said(String text) implements ToolItem {}

    /** A function call the model made. */
    record Call(String callId, String name, String argumentsJson) implements ToolItem {}

    /** The answer to a call, as JSON text. */
    record Output(String callId, String outputJson) implements ToolItem {}

    /**
     * @param instructions the profile's instructions plus what DONNA remembers of the user
     * @param conversation the kept history, oldest first, ending with the user's new message
     * @param tools        functions the model may call instead of answering in text
     * @param thisTurn     what happened since the user's new message: the model's calls and their outputs, in order
     */
    record Prompt(String instructions, List<Turn> conversation, List<Tool> tools, List<ToolItem> thisTurn) {
        public Prompt {
            thisTurn = thisTurn == null ? List.of() : List.copyOf(thisTurn);
        }

        public Prompt(String instructions, List<Turn> conversation, List<Tool> tools) {
            this(instructions, conversation, tools, List.of());
        }
    }

    /** A function the model may call: name, description and a JSON schema of its parameters. */
    record Tool(String name, String description, JsonNode parameters) {}

    /** The reply text, and the functions the model chose to call (none when it answered). */
    record Generation(String text, List<Call> calls) {
        public Generation {
            calls = List.copyOf(calls);
        }

        public boolean hasCalls() {
            return !calls.isEmpty();
        }
    }

    /** Blocks until the reply is complete, calling {@code onDelta} with each piece of text as it arrives. */
    Generation generate(Prompt prompt, Consumer<String> onDelta);
}
