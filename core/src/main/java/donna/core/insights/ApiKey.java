package donna.core.insights;

import java.time.Instant;

/** An API key's metadata (never its secret); {@code prefix} is the key's public first part. */
public record ApiKey(String id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {
}
