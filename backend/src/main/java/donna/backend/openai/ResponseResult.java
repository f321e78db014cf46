package donna.backend.openai;

import java.util.Optional;

/** A finished response: all its text, and the function call the model made, if any. */
public record ResponseResult(String text, Optional<FunctionCall> functionCall) {}
