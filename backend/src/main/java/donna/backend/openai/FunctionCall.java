package donna.backend.openai;

/**
 * The model asked to call a function.
 *
 * @param callId        the id the answer must carry ({@code function_call_output.call_id}); empty when OpenAI sent none
 * @param name          the function's name
 * @param argumentsJson the arguments as the JSON text the model wrote
 */
public record FunctionCall(String callId, String name, String argumentsJson) {}
