package donna.testkit.openai;

import java.util.Objects;

/**
 * One scripted answer of {@code /v1/responses}: assistant text, a function call, or text followed by a call.
 *
 * @param text              assistant text; empty for none
 * @param functionName      name of the function the model calls, or null
 * @param functionArguments the call's arguments as a JSON string, or null
 */
public record Reply(String text, String functionName, String functionArguments) {
    public Reply {
        text = Objects.requireNonNullElse(text, "");
        if ((functionName == null) != (functionArguments == null)) {
            throw new IllegalArgumentException("a function call needs both a name and arguments");
        }
    }

    public static Reply text(String text) {
        return new Reply(text, null, null);
    }

    public static Reply functionCall(String name, String argumentsJson) {
        return new Reply("", name, argumentsJson);
    }

    public static Reply textThenFunctionCall(String text, String name, String argumentsJson) {
        return new Reply(text, name, argumentsJson);
    }

    public boolean hasFunctionCall() {
        return functionName != null;
    }
}
