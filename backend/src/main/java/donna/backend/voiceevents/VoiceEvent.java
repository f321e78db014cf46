package donna.backend.voiceevents;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One event of a voice session as the app reported it (docs/api.md, "Voice events"). */
public record VoiceEvent(@JsonProperty("session_id") String sessionId, String type, OffsetDateTime at,
        JsonNode data) {}
