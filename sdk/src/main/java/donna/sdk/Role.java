package donna.sdk;

/** Who said a message: the person, the assistant, a system prompt, or a tool step. */
public enum Role {
    USER("user"), ASSISTANT("assistant"), SYSTEM("system"), TOOL("tool");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The name the service expects ({@code user}, {@code assistant}, {@code system}, {@code tool}). */
    public String wire() {
        return wire;
    }
}
