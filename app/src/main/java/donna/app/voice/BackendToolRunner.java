package donna.app.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.api.BackendClient;
import donna.core.tools.ToolCallResult;
import donna.core.voice.ToolResult;
import donna.core.voice.ToolRunner;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A spoken turn's tool calls through the companion service ({@code POST /api/tools/call}), the same executor typed
 * turns use. Blocking: the session calls it on its io executor, one task per call, so calls run in parallel.
 * Failures (the service unreachable, an unknown tool) are thrown; the session turns them into {@code error} outputs.
 */
final class BackendToolRunner implements ToolRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<BackendClient> client;
    private final boolean clientOutbox;

    /**
     * @param clientOutbox true once this app queues the mail of a confirmed send in its own outbox; false lets the
     *                     service send it itself (with the same idempotency key)
     */
    BackendToolRunner(Supplier<BackendClient> client, boolean clientOutbox) {
        this.client = client;
        this.clientOutbox = clientOutbox;
    }

    @Override
    public CompletableFuture<ToolResult> run(String name, String argumentsJson, String callId, String chatId,
            String userItemId) {
        JsonNode arguments;
        try {
            arguments = JSON.readTree(argumentsJson);
        } catch (JsonProcessingException e) {
            arguments = null;
        }
        if (arguments == null || !arguments.isObject()) {
            // The model wrote something that is not an arguments object: tell it, so it can try again.
            return CompletableFuture.completedFuture(ToolResult.error("invalid_arguments",
                    "The arguments of " + name + " are not a JSON object"));
        }
        ToolCallResult result = client.get().callTool(name, arguments, chatId, callId, userItemId, clientOutbox);
        return CompletableFuture.completedFuture(new ToolResult(result.output().toString(), result.action(),
                result.card() == null ? null : result.card().toString(), result.summary()));
    }
}
