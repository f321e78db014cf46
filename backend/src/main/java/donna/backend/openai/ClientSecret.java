package donna.backend.openai;

import java.time.Instant;
import java.util.Objects;

/** An ephemeral Realtime client secret ({@code ek_...}): it opens connections until {@code expiresAt}. */
public record ClientSecret(String value, Instant expiresAt) {
    public ClientSecret {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ClientSecret[expiresAt=" + expiresAt + "]";
    }
}
