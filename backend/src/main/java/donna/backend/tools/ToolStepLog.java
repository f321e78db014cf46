package donna.backend.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a finished tool call is recorded with its conversation (name, arguments, short summary, duration), so a chat
 * shows what DONNA did and Insights can score it. The chat feature implements it; {@code /api/tools/call} and the
 * chat loop both write through it.
 */
public interface ToolStepLog {

    /** Records one finished call; the chat may not exist yet (then the step is kept until it does, or dropped). */
    void record(ToolCallContext context, String callId, String name, JsonNode arguments, ToolOutcome outcome,
            long durationMillis);

    ToolStepLog NONE = (context, callId, name, arguments, outcome, durationMillis) -> { };
}
