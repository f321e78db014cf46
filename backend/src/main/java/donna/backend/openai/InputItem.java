package donna.backend.openai;

import java.util.Objects;

/** One message of the conversation sent as input: role ({@code user}, {@code assistant}, {@code developer}) and text. */
public record InputItem(String role, String text) {
    public InputItem {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }

    public static InputItem user(String text) {
        return new InputItem("user", text);
    }

    public static InputItem assistant(String text) {
        return new InputItem("assistant", text);
    }
}
