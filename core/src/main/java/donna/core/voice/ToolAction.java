package donna.core.voice;

/**
 * Something a tool of a spoken turn produced for the person: a draft to look at, a send waiting for their yes.
 *
 * @param callId   the call that produced it
 * @param tool     the tool's name
 * @param type     {@code draft_ready}, {@code confirmation_needed}, {@code send_confirmed}, {@code memory_saved}, ...
 * @param cardJson the card's data (a draft, a pending action) as JSON text, or null
 */
public record ToolAction(String callId, String tool, String type, String cardJson) {}
