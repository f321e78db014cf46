package donna.backend.openai;

import java.util.Objects;

/**
 * One item of the input sent to the Responses API. The service keeps the history itself ({@code store: false}), so a
 * multi-step tool loop sends back the model's own calls ({@link Call}) with their answers ({@link CallOutput}).
 */
public sealed interface InputItem {

    /** A message: role ({@code user}, {@code assistant}, {@code developer}) and text. */
    record Message(String role, String text) implements InputItem {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The echo of a function call the model made: {@code {"type":"function_call","call_id","name","arguments"}}. */
    record Call(String callId, String name, String argumentsJson) implements InputItem {
        public Call {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }

    /** The answer to a call: {@code {"type":"function_call_output","call_id","output"}}, output as JSON text. */
    record CallOutput(String callId, String output) implements InputItem {
        public CallOutput {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(output, "output");
        }
    }

    static InputItem user(String text) {
        return new Message("user", text);
    }

    static InputItem assistant(String text) {
        return new Message("assistant", text);
    }
}
