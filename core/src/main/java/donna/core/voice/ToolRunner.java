package donna.core.voice;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one of DONNA's tools for a spoken turn (the app: {@code POST /api/tools/call}). A {@link VoiceSession} calls
 * it on its {@code io} executor, once per function call the Realtime model finishes, and answers the model with the
 * result. It may block (each call has its own io task) or answer later through the future.
 */
@FunctionalInterface
public interface ToolRunner {

    /**
     * @param name          the tool, as the model named it
     * @param argumentsJson the arguments as the model wrote them (JSON text, not validated here)
     * @param callId        the model's call id (the service logs steps under it)
     * @param chatId        the chat the voice transcripts go into, or null before the first one is saved
     * @param userItemId    the conversation item of the user's latest committed audio, or null: the service tells a
     *                      later spoken yes from the turn that presented an action by it
     * @return the result; a failure (exceptional completion, or a throw) becomes an {@code error} output
     */
    CompletableFuture<ToolResult> run(String name, String argumentsJson, String callId, String chatId,
            String userItemId);

    /**
     * True when the tool {@code name} runs the person's whole spoken turn as a typed turn (GPT-Live's client
     * delegation): the chat then keeps the person's words and DONNA's reply, with the turn's tool steps, as one typed
     * turn, so the session does not save that turn's voice transcripts again (it does when the call fails, as nothing
     * was kept then). Such a result names the chat in {@link ToolResult#keptInChat()}.
     */
    default boolean keepsTurn(String name) {
        return false;
    }

    /** For sessions built without tools: every call answers that tools are not available, so DONNA can say so. */
    static ToolRunner unavailable() {
        return (name, arguments, callId, chatId, userItemId) -> CompletableFuture.failedFuture(new ServiceException(
                new ServiceError(503, "tools_unavailable", "DONNA's tools are not available in this voice session",
                        null)));
    }
}
