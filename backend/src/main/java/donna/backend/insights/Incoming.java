package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;

/**
 * One message as sent in (or mirrored from DONNA's chat).
 *
 * @param metadata an object: {@code latency_ms}, {@code error}, {@code status} (tool steps), {@code barge_in},
 *                 {@code reconnect}, ... whatever the sender knows; never null
 */
public record Incoming(String role, String content, Instant timestamp, JsonNode metadata) {
    public Incoming {
        metadata = metadata == null || !metadata.isObject() ? JsonNodeFactory.instance.objectNode() : metadata;
    }

    public Incoming(String role, String content, Instant timestamp) {
        this(role, content, timestamp, null);
    }
}
