package donna.backend.autopilot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user's autopilot settings (docs/api.md). Off by default; drafts wait for review unless told otherwise. */
public record AutopilotSettings(boolean enabled, @JsonProperty("send_without_review") boolean sendWithoutReview,
        @JsonProperty("per_run_cap") int perRunCap, @JsonProperty("per_day_cap") int perDayCap) {
    public static final AutopilotSettings DEFAULTS = new AutopilotSettings(false, false, 5, 20);
    public static final int MAX_PER_RUN = 50;
    public static final int MAX_PER_DAY = 500;

    /** Sends at once only when both switched on. */
    public boolean sendsWithoutReview() {
        return enabled && sendWithoutReview;
    }
}
