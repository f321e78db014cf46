package donna.backend.openai;

import java.util.List;
import java.util.Optional;

/** A finished response: all its text, and the function calls the model made, in output order (often none). */
public record ResponseResult(String text, List<FunctionCall> functionCalls) {
    public ResponseResult {
        functionCalls = List.copyOf(functionCalls);
    }

    /** The first function call, if any: for callers that act on one. */
    public Optional<FunctionCall> functionCall() {
        return functionCalls.stream().findFirst();
    }
}
