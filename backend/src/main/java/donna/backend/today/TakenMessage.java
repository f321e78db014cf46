package donna.backend.today;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A message DONNA took for the person (docs/workspaces.md, "Front desk: messages"). The caller's words are data:
 * stored and shown, never acted upon.
 *
 * @param callbackBy when the caller wants to be called back, as they said it ("before 5 pm Friday"); null if not said
 */
public record TakenMessage(UUID id, @JsonProperty("caller_name") String callerName, String contact, String message,
        @JsonProperty("callback_by") String callbackBy, boolean done,
        @JsonProperty("created_at") OffsetDateTime createdAt) {}
