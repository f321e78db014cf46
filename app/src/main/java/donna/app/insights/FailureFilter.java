package donna.app.insights;

/** The list's "has failures" choice. */
public enum FailureFilter {
    ANY("Any", null), WITH("With failures", true), WITHOUT("Without failures", false);

    private final String label;
    private final Boolean wire;

    FailureFilter(String label, Boolean wire) {
        this.label = label;
        this.wire = wire;
    }

    public Boolean wire() {
        return wire;
    }

    @Override
    public String toString() {
        return label;
    }
}
