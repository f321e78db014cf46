package donna.core.insights;

/** A key just made: the whole {@code secret} is in this one answer and never again. */
public record NewApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "NewApiKey[" + key + ", secret=(hidden)]"; // never in a log
    }
}
