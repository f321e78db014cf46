package donna.backend.openai;

/** The model asked to call a function: its name and the arguments as the JSON text the model wrote. */
public record FunctionCall(String name, String argumentsJson) {}
