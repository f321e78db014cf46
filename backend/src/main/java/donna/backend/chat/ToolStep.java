package donna.backend.chat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.tools.ToolOutcome;

/**
 * One tool call of a typed turn, finished: what the reply's {@code metadata.tool_steps} lists, what is persisted
 * with the turn, and what the model sees again in later turns.
 *
 * @param callId     the model's call id
 * @param name       the tool
 * @param arguments  the arguments as the model wrote them (a JSON object; {@code {}} when they were not JSON)
 * @param outcome    what the tool produced (an {@code error} output when it failed or was refused)
 * @param durationMs how long the call took
 */
record ToolStep(String callId, String name, JsonNode arguments, ToolOutcome outcome, long durationMs) {
    static final int MAX_SUMMARY = 200;
    /** Larger arguments or outputs are not kept with the chat (a mail body the model pasted, a long error). */
    static final int MAX_STORED_JSON = 8_000;

    String status() {
        return outcome.failed() ? "failed" : "done";
    }

    /** The one line shown and stored: the tool's own summary, never mail content, cut to a row's length. */
    String summary() {
        return summary(outcome);
    }

    static String summary(ToolOutcome outcome) {
        String summary = outcome.summary();
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 3) + "...";
    }

    /** The arguments as stored: the JSON text, or a marker when they are too large to keep. */
    static String storedArguments(JsonNode arguments) {
        String json = arguments == null ? "{}" : arguments.toString();
        return json.length() <= MAX_STORED_JSON ? json : "{\"truncated\":true}";
    }

    /**
     * The output kept for later turns, as JSON text, or null: only what the model needs again (a draft's or a
     * pending action's ids, an error); a search's or a mail's content is read again when needed.
     */
    static String storedOutput(ToolOutcome outcome) {
        if (outcome.action() == null && !outcome.failed()) {
            return null;
        }
        String json = outcome.output().toString();
        return json.length() <= MAX_STORED_JSON ? json : null;
    }
}
