package donna.app.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.api.BackendClient;
import donna.core.chat.ChatRequest;
import donna.core.chat.Profile;
import donna.core.voice.ToolResult;
import donna.core.voice.ToolRunner;
import donna.core.voice.live.LiveEventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a GPT-Live delegation ({@value LiveEventCodec#DELEGATION_TOOL}: Live handed the person's turn to DONNA) as a
 * typed turn ({@code POST /api/chat}, {@code client_outbox}): the service's model picks DONNA's tools from the one
 * registry and runs them under the same confirmation rule (a send only becomes a pending action; only the person's
 * own words in a later turn confirm it). The reply goes back to Live to speak; every card of the turn (drafts, a
 * send waiting for a yes, a saved memory) shows in the Voice pane. The typed turn stores the person's words and the
 * reply, with its tool steps, in the chat: it {@linkplain #keepsTurn keeps the turn}, so the session does not save
 * that turn's voice transcripts again. Every other call goes to {@code tools} (the Realtime engine's function
 * calls). Blocking, like {@link BackendToolRunner}.
 */
final class LiveDelegationRunner implements ToolRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolRunner tools;
    private final Supplier<BackendClient> client;
    private final Supplier<Profile> profile;

    LiveDelegationRunner(ToolRunner tools, Supplier<BackendClient> client, Supplier<Profile> profile) {
        this.tools = tools;
        this.client = client;
        this.profile = profile;
    }

    /** A delegated turn is a typed turn, which the chat keeps; the Realtime engine's tools keep nothing. */
    @Override
    public boolean keepsTurn(String name) {
        return LiveEventCodec.DELEGATION_TOOL.equals(name) || tools.keepsTurn(name);
    }

    @Override
    public CompletableFuture<ToolResult> run(String name, String argumentsJson, String callId, String chatId,
            String userItemId) {
        if (!LiveEventCodec.DELEGATION_TOOL.equals(name)) {
            return tools.run(name, argumentsJson, callId, chatId, userItemId);
        }
        String request;
        try {
            request = JSON.readTree(argumentsJson).path("request").asText("").strip();
        } catch (Exception e) {
            request = "";
        }
        if (request.isEmpty()) {
            return CompletableFuture.completedFuture(ToolResult.error("no_request",
                    "DONNA did not catch what to do; ask the person to say it again"));
        }
        JsonNode answer = client.get().chatJson(new ChatRequest(request, chatId, profile.get(), true));
        return CompletableFuture.completedFuture(result(answer));
    }

    /**
     * The typed turn's answer as a tool result: the reply to speak, every card in order, the steps as the summary, and
     * the chat that keeps the turn.
     */
    static ToolResult result(JsonNode answer) {
        ObjectNode output = JSON.createObjectNode().put("reply", answer.path("reply").asText(""));
        JsonNode metadata = answer.path("metadata");
        List<String> steps = new ArrayList<>();
        for (JsonNode step : metadata.path("tool_steps")) {
            String summary = step.path("summary").asText("");
            steps.add(summary.isBlank() ? step.path("name").asText() : summary);
        }
        List<ToolResult.Produced> produced = new ArrayList<>();
        for (JsonNode action : metadata.path("actions")) {
            String type = action.path("type").asText("");
            if (!type.isEmpty()) {
                produced.add(new ToolResult.Produced(type, action.toString()));
            }
        }
        ToolResult.Produced last = produced.isEmpty() ? null : produced.getLast();
        String summary = steps.isEmpty() ? "Answered" : String.join("; ", steps);
        String chat = metadata.path("chat_id").asText("");
        return new ToolResult(output.toString(), last == null ? null : last.action(),
                last == null ? null : last.cardJson(), summary, produced, chat.isBlank() ? null : chat);
    }
}
