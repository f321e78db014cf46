package donna.app.actions;

import donna.core.tools.ToolStep;
import java.util.Map;

/**
 * A tool step in words: "Searching mail..." while it runs, "Searched mail: 3 found" when done, "Search mail failed:
 * Gmail is not connected". The phrase comes from the tool's name; the rest is the service's summary.
 */
public final class ToolStepText {
    /** name -> (running, done, failed). */
    private static final Map<String, String[]> PHRASES = Map.ofEntries(
            Map.entry("search_mail", new String[] {"Searching mail", "Searched mail", "Mail search failed"}),
            Map.entry("read_mail", new String[] {"Reading a mail", "Read a mail", "Reading a mail failed"}),
            Map.entry("inbox_summary", new String[] {"Looking at the inbox", "Looked at the inbox",
                    "Looking at the inbox failed"}),
            Map.entry("draft_reply", new String[] {"Drafting a reply", "Drafted a reply", "Drafting a reply failed"}),
            Map.entry("compose_mail", new String[] {"Writing a draft", "Wrote a draft", "Writing a draft failed"}),
            Map.entry("send_draft", new String[] {"Preparing to send", "Asked to send",
                    "Preparing to send failed"}),
            Map.entry("confirm_action", new String[] {"Confirming", "Confirmed", "Confirming failed"}),
            Map.entry("remember", new String[] {"Remembering", "Remembered", "Remembering failed"}),
            Map.entry("forget", new String[] {"Forgetting", "Forgot", "Forgetting failed"}),
            Map.entry("search_history", new String[] {"Searching past chats", "Searched past chats",
                    "Searching past chats failed"}),
            Map.entry("classify_lead", new String[] {"Saving a lead", "Saved a lead", "Saving a lead failed"}),
            Map.entry("list_leads", new String[] {"Looking at your leads", "Looked at your leads",
                    "Looking at your leads failed"}),
            Map.entry("find_leads_in_inbox", new String[] {"Looking for leads in your inbox",
                    "Looked for leads in your inbox", "Looking for leads failed"}),
            Map.entry("take_message", new String[] {"Taking a message", "Took a message",
                    "Taking a message failed"}));

    private ToolStepText() {}

    public static String of(String name, ToolStep.Status status, String summary) {
        String[] phrases = PHRASES.getOrDefault(name, generic(name));
        String head = switch (status) {
            case RUNNING -> phrases[0];
            case DONE -> phrases[1];
            case FAILED -> phrases[2];
        };
        boolean hasSummary = summary != null && !summary.isBlank();
        if (status == ToolStep.Status.RUNNING) {
            return hasSummary ? head + ": " + summary.strip() : head + "\u2026";
        }
        if (!hasSummary) {
            return head;
        }
        // The service's summary often says it already ("Searched mail for from:ann: 1 found"): not twice.
        String said = summary.strip();
        return said.regionMatches(true, 0, head, 0, head.length()) ? said : head + ": " + said;
    }

    private static String[] generic(String name) {
        String words = name == null || name.isBlank() ? "A tool" : name.replace('_', ' ');
        String capital = Character.toUpperCase(words.charAt(0)) + words.substring(1);
        return new String[] {"Running " + words, "Ran " + words, capital + " failed"};
    }
}
