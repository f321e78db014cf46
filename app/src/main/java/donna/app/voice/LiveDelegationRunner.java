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
 * own words in a later turn confirm it). The reply goes back to Live to speak; the turn's last card (a draft, a send
 * waiting for a yes) shows in the Voice pane. Every other call goes to {@code tools} (the Realtime engine's
 * function calls). Blocking, like {@link BackendToolRunner}.
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

    /** The typed turn's answer as a tool result: the reply to speak, the last card, the steps as the summary. */
    static ToolResult result(JsonNode answer) {
        ObjectNode output = JSON.createObjectNode().put("reply", answer.path("reply").asText(""));
        JsonNode metadata = answer.path("metadata");
        List<String> steps = new ArrayList<>();
        for (JsonNode step : metadata.path("tool_steps")) {
            String summary = step.path("summary").asText("");
            steps.add(summary.isBlank() ? step.path("name").asText() : summary);
        }
        JsonNode actions = metadata.path("actions");
        JsonNode last = actions.isArray() && !actions.isEmpty() ? actions.get(actions.size() - 1) : null;
        String action = last == null ? null : last.path("type").asText(null);
        String summary = steps.isEmpty() ? "Answered" : String.join("; ", steps);
        return new ToolResult(output.toString(), action, last == null ? null : last.toString(), summary);
    }
}
