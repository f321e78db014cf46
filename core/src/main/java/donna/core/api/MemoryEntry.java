package donna.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One remembered fact; the value is any JSON the caller stored. */
public record MemoryEntry(String key, JsonNode value, Instant updatedAt) {}
