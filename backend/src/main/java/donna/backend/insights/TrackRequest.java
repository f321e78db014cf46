package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.ApiException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/conversations/track}, checked field by field: a bad one is 400
 * {@code validation_failed} naming it ({@code messages[2].timestamp}), so a client can fix its code.
 */
record TrackRequest(String externalId, List<Incoming> messages, JsonNode metadata, boolean ended) {
    static final int MAX_EXTERNAL_ID = 200;
    static final int MAX_MESSAGES = 500;
    static final int MAX_CONTENT = 32_000;
    static final int MAX_METADATA_CHARS = 16_000;
    static final Set<String> ROLES = Set.of("user", "assistant", "system", "tool");

    static TrackRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("body", "must be a JSON object");
        }
        JsonNode id = body.get("external_id");
        if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_EXTERNAL_ID
                || id.asText().chars().anyMatch(Character::isISOControl)) {
            throw invalid("external_id", "a string of 1-" + MAX_EXTERNAL_ID + " characters, no control characters");
        }
        JsonNode ended = body.get("ended");
        if (ended != null && !ended.isNull() && !ended.isBoolean()) {
            throw invalid("ended", "true or false");
        }
        boolean isEnded = ended != null && ended.asBoolean(false);
        JsonNode list = body.get("messages");
        if (list == null || !list.isArray() || list.size() > MAX_MESSAGES || (list.isEmpty() && !isEnded)) {
            throw invalid("messages", "an array of 1-" + MAX_MESSAGES + " messages (empty only with \"ended\":true)");
        }
        List<Incoming> messages = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            messages.add(message(list.get(i), "messages[" + i + "]"));
        }
        JsonNode metadata = body.get("metadata");
        checkMetadata(metadata, "metadata");
        return new TrackRequest(id.asText(), messages, metadata == null || metadata.isNull() ? null : metadata,
                isEnded);
    }

    private static Incoming message(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw invalid(field, "must be an object");
        }
        JsonNode role = node.get("role");
        if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
            throw invalid(field + ".role", "one of user, assistant, system, tool");
        }
        JsonNode content = node.get("content");
        if (content == null || !content.isTextual() || content.asText().length() > MAX_CONTENT) {
            throw invalid(field + ".content", "a string of at most " + MAX_CONTENT + " characters");
        }
        JsonNode timestamp = node.get("timestamp");
        Instant at;
        try {
            if (timestamp == null || !timestamp.isTextual()) {
                throw new DateTimeException("missing");
            }
            at = OffsetDateTime.parse(timestamp.asText()).toInstant();
        } catch (DateTimeException e) {
            throw invalid(field + ".timestamp", "an ISO-8601 time with offset, e.g. 2026-12-07T10:15:30Z");
        }
        JsonNode metadata = node.get("metadata");
        checkMetadata(metadata, field + ".metadata");
        return new Incoming(role.asText(), content.asText(), at, metadata);
    }

    private static void checkMetadata(JsonNode metadata, String field) {
        if (metadata != null && !metadata.isNull()
                && (!metadata.isObject() || metadata.toString().length() > MAX_METADATA_CHARS)) {
            throw invalid(field, "an object of at most " + MAX_METADATA_CHARS + " characters of JSON");
        }
    }

    static ApiException invalid(String field, String rule) {
        return ApiException.badRequest("validation_failed", field + ": " + rule);
    }
}
