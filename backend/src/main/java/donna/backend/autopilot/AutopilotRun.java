package donna.backend.autopilot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What one pass did for one user (docs/api.md). */
public record AutopilotRun(int drafted, int sent, List<Skipped> skipped) {
    /** A message the pass left alone, and why. */
    public record Skipped(@JsonProperty("message_id") String messageId, String reason) {}
}
