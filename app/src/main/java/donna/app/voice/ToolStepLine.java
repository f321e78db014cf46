package donna.app.voice;

import donna.core.voice.ToolStep;

/**
 * One tool step of a spoken turn as the Voice pane shows it: a compact row, "Searching mail…" while it runs, then
 * the service's summary ("Searched mail for from:ann: 3 found") or why it failed.
 *
 * @param callId the model's call (the row is updated in place by it)
 * @param tool   the tool's name
 * @param status running, done or failed
 * @param text   the row's words
 */
public record ToolStepLine(String callId, String tool, ToolStep.Status status, String text) {

    static ToolStepLine of(ToolStep step) {
        return new ToolStepLine(step.callId(), step.name(), step.status(), switch (step.status()) {
            case RUNNING -> running(step.name());
            case DONE -> step.summary() == null || step.summary().isBlank() ? done(step.name()) : step.summary();
            case FAILED -> failed(step.name()) + (step.summary() == null || step.summary().isBlank() ? ""
                    : ": " + step.summary());
        });
    }

    /** What a tool is doing, in words. */
    static String running(String tool) {
        return switch (tool) {
            case "search_mail" -> "Searching mail…";
            case "read_mail" -> "Reading the mail…";
            case "inbox_summary" -> "Looking at the inbox…";
            case "draft_reply" -> "Drafting a reply…";
            case "compose_mail" -> "Drafting a mail…";
            case "send_draft" -> "Preparing to send…";
            case "confirm_action" -> "Confirming…";
            case "remember" -> "Remembering…";
            case "forget" -> "Forgetting…";
            case "search_history" -> "Searching past conversations…";
            case "classify_lead" -> "Saving the lead…";
            case "list_leads" -> "Looking at your leads…";
            case "take_message" -> "Taking the message…";
            default -> "Running " + tool + "…";
        };
    }

    private static String done(String tool) {
        return switch (tool) {
            case "search_mail" -> "Searched mail";
            case "read_mail" -> "Read the mail";
            case "inbox_summary" -> "Looked at the inbox";
            case "draft_reply" -> "Drafted a reply";
            case "compose_mail" -> "Drafted a mail";
            case "send_draft" -> "Ready to send: waiting for your yes";
            case "confirm_action" -> "Confirmed";
            case "remember" -> "Remembered";
            case "forget" -> "Forgot";
            case "search_history" -> "Searched past conversations";
            case "classify_lead" -> "Saved the lead";
            case "list_leads" -> "Looked at your leads";
            case "take_message" -> "Took the message";
            default -> "Ran " + tool;
        };
    }

    private static String failed(String tool) {
        return switch (tool) {
            case "search_mail" -> "Could not search mail";
            case "read_mail" -> "Could not read the mail";
            case "inbox_summary" -> "Could not look at the inbox";
            case "draft_reply", "compose_mail" -> "Could not draft";
            case "send_draft" -> "Could not prepare the send";
            case "confirm_action" -> "Could not confirm";
            case "classify_lead" -> "Could not save the lead";
            case "take_message" -> "Could not take the message";
            default -> tool + " failed";
        };
    }
}
