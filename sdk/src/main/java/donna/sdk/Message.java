package donna.sdk;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a conversation. The service treats two messages as the same when role, timestamp and content are:
 * sending a conversation again with more messages adds only the new ones, so keep each message's timestamp stable.
 *
 * @param metadata anything JSON can carry ({@code latency_ms}, {@code status} of a tool step, {@code error}); the
 *                 service reads {@code latency_ms} for slow answers and {@code status}/{@code error} for tool failures
 */
public record Message(Role role, String content, Instant timestamp, Map<String, Object> metadata) {
    /** The service's limit on one message's content. */
    public static final int MAX_CONTENT = 32_000;

    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(timestamp, "timestamp");
        if (content.length() > MAX_CONTENT) {
            throw new IllegalArgumentException("content: at most " + MAX_CONTENT + " characters (had "
                    + content.length() + ")");
        }
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public Message(Role role, String content, Instant timestamp) {
        this(role, content, timestamp, Map.of());
    }

    public static Message user(String content, Instant at) {
        return new Message(Role.USER, content, at);
    }

    public static Message assistant(String content, Instant at) {
        return new Message(Role.ASSISTANT, content, at);
    }

    public static Message system(String content, Instant at) {
        return new Message(Role.SYSTEM, content, at);
    }

    public static Message tool(String content, Instant at) {
        return new Message(Role.TOOL, content, at);
    }

    /** This message with one more metadata entry. */
    public Message with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(metadata);
        more.put(key, value);
        return new Message(role, content, timestamp, more);
    }
}
