package donna.backend.openai;

import java.util.List;

/**
 * One Responses API request.
 *
 * @param model        the model; null for the configured chat model
 * @param instructions the system prompt; null for none
 * @param input        the conversation so far, oldest first
 * @param tools        functions the model may call; empty for none
 */
public record ResponseRequest(String model, String instructions, List<InputItem> input, List<FunctionTool> tools) {
    public ResponseRequest {
        input = List.copyOf(input);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
