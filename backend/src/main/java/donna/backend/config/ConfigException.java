package donna.backend.config;

/** A configuration value is missing or malformed. The message is one line naming the variable; never its secret value. */
public final class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
