package donna.standins.openai;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One scripted answer of {@code /v1/responses}: assistant text, function calls (one or several, as a model that
 * calls tools in parallel does), or text followed by calls.
 *
 * @param text  assistant text; empty for none
 * @param calls the function calls, in output order; empty for none
 */
public record Reply(String text, List<Call> calls) {
    public Reply {
        text = Objects.requireNonNullElse(text, "");
        calls = List.copyOf(calls);
    }

    /**
     * One function call of a reply.
     *
     * @param callId        the {@code call_id} the answer must carry; null for a fresh one when the reply is sent
     * @param name          the function
     * @param argumentsJson the arguments as JSON text
     */
    public record Call(String callId, String name, String argumentsJson) {
        public Call {
            if (name == null || argumentsJson == null) {
                throw new IllegalArgumentException("a function call needs both a name and arguments");
            }
        }

        /** A call whose id the fake makes up. */
        public static Call of(String name, String argumentsJson) {
            return new Call(null, name, argumentsJson);
        }

        /** A call with this id, so a test can find its {@code function_call_output} among the next request's input. */
        public static Call withId(String callId, String name, String argumentsJson) {
            return new Call(Objects.requireNonNull(callId, "callId"), name, argumentsJson);
        }

        Call resolved() {
            return callId != null ? this : new Call("call_" + UUID.randomUUID().toString().replace("-", "")
                    .substring(0, 24), name, argumentsJson);
        }
    }

    public static Reply text(String text) {
        return new Reply(text, List.of());
    }

    public static Reply functionCall(String name, String argumentsJson) {
        return new Reply("", List.of(Call.of(name, argumentsJson)));
    }

    public static Reply textThenFunctionCall(String text, String name, String argumentsJson) {
        return new Reply(text, List.of(Call.of(name, argumentsJson)));
    }

    /** Several calls in one response (a model calling tools in parallel). */
    public static Reply functionCalls(Call... calls) {
        return new Reply("", Arrays.asList(calls));
    }

    public static Reply textThenFunctionCalls(String text, Call... calls) {
        return new Reply(text, Arrays.asList(calls));
    }

    public boolean hasFunctionCall() {
        return !calls.isEmpty();
    }

    /** This reply with every call given an id. */
    Reply resolved() {
        return calls.stream().allMatch(c -> c.callId() != null) ? this
                : new Reply(text, calls.stream().map(Call::resolved).toList());
    }
}
