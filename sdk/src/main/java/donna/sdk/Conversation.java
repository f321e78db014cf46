package donna.sdk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A conversation (or the part of it that is new) to send: your own id for it, its messages, metadata about it,
 * and whether it is over. Send the same {@code externalId} again as it grows; the service adds only what is new.
 * Checked when built, so a mistake shows at the call that made it rather than as a 400 later on another thread.
 */
public record Conversation(String externalId, List<Message> messages, Map<String, Object> metadata, boolean ended) {
    /** The service's limit on an external id. */
    public static final int MAX_EXTERNAL_ID = 200;

    public Conversation {
        Objects.requireNonNull(externalId, "externalId");
        if (externalId.isBlank() || externalId.length() > MAX_EXTERNAL_ID
                || externalId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("externalId: 1-" + MAX_EXTERNAL_ID
                    + " characters, no control characters");
        }
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty() && !ended) {
            throw new IllegalArgumentException("messages: at least one (none only for a conversation that ended)");
        }
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static Builder builder(String externalId) {
        return new Builder(externalId);
    }

    /** Builds a conversation message by message. */
    public static final class Builder {
        private final String externalId;
        private final List<Message> messages = new ArrayList<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();
        private boolean ended;

        private Builder(String externalId) {
            this.externalId = externalId;
        }

        public Builder message(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        public Builder messages(List<Message> more) {
            more.forEach(this::message);
            return this;
        }

        public Builder message(Role role, String content, Instant at) {
            return message(new Message(role, content, at));
        }

        public Builder user(String content, Instant at) {
            return message(Message.user(content, at));
        }

        public Builder assistant(String content, Instant at) {
            return message(Message.assistant(content, at));
        }

        public Builder system(String content, Instant at) {
            return message(Message.system(content, at));
        }

        public Builder tool(String content, Instant at) {
            return message(Message.tool(content, at));
        }

        public Builder metadata(String key, Object value) {
            metadata.put(key, value);
            return this;
        }

        /** The conversation is over: the service scores it as finished (otherwise after 30 idle minutes). */
        public Builder ended(boolean isEnded) {
            this.ended = isEnded;
            return this;
        }

        public Conversation build() {
            return new Conversation(externalId, messages, metadata, ended);
        }
    }
}
