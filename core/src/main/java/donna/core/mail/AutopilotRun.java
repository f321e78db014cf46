package donna.core.mail;

import java.util.List;

/** What one autopilot pass did ({@code GET /api/gmail/autopilot-run}). */
public record AutopilotRun(int drafted, int sent, List<Skipped> skipped) {
    public AutopilotRun {
        skipped = List.copyOf(skipped);
    }

    /** A message the pass left alone, and why ({@code mailing_list}, {@code no_reply}, {@code cap_reached}, ...). */
    public record Skipped(String messageId, String reason) {}
}
