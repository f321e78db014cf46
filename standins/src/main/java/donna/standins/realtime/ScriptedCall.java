package donna.standins.realtime;

import java.util.Objects;

/**
 * A function call the fake model makes in a scripted response.
 *
 * @param name          the tool
 * @param argumentsJson its arguments as JSON text, sent as the model sends them
 */
public record ScriptedCall(String name, String argumentsJson) {
    public ScriptedCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
    }
}
