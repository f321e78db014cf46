package donna.backend.chat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolOutcome;
import donna.backend.tools.ToolStepLog;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a tool call made outside a typed turn ({@code /api/tools/call}: voice and other clients) with its chat, so
 * the conversation shows it beside the transcript. Typed turns write their steps with the turn itself
 * ({@link ChatRepository#saveTurn}). A call without a chat, or for a chat this user does not have (yet), is dropped:
 * the step is a record of the conversation, not of the call.
 */
public final class ChatToolSteps implements ToolStepLog {
    private static final Logger log = LoggerFactory.getLogger(ChatToolSteps.class);

    private final Jdbi jdbi;

    public ChatToolSteps(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(ToolCallContext context, String callId, String name, JsonNode arguments, ToolOutcome outcome,
            long durationMillis) {
        if (context.chatId() == null) {
            log.debug("Tool step {} not recorded: the call names no chat", name);
            return;
        }
        int inserted = jdbi.withHandle(h -> h.createUpdate("""
                        insert into tool_steps (session_id, call_id, name, arguments, summary, status, duration_ms,
                                                output, channel)
                        select s.id, :callId, :name, cast(:arguments as jsonb), :summary, :status, :durationMs,
                               cast(:output as jsonb), :channel
                          from chat_sessions s
                         where s.chat_id = :chatId and s.user_id = :userId""")
                .bind("callId", callId).bind("name", name)
                .bind("arguments", ToolStep.storedArguments(arguments))
                .bind("summary", ToolStep.summary(outcome)).bind("status", outcome.failed() ? "failed" : "done")
                .bind("durationMs", durationMillis).bind("output", ToolStep.storedOutput(outcome))
                .bind("channel", context.channel())
                .bind("chatId", context.chatId()).bind("userId", context.user().id())
                .execute());
        if (inserted == 0) {
            log.debug("Tool step {} not recorded: no chat {} of this user yet", name, context.chatId());
        }
    }
}
