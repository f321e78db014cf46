package donna.backend.chat;

import donna.backend.http.ApiException;
import donna.backend.openai.FunctionTool;
import donna.backend.openai.InputItem;
import donna.backend.openai.ModerationClient;
import donna.backend.openai.ModerationResult;
import donna.backend.openai.OpenAiRequestException;
import donna.backend.openai.OpenAiTimeoutException;
import donna.backend.openai.OpenAiUnavailableException;
import donna.backend.openai.ResponseRequest;
import donna.backend.openai.ResponseResult;
import donna.backend.openai.ResponsesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat's model and moderation, backed by OpenAI. Upstream failures become the service's own errors: 503 when
 * OpenAI is unavailable (after the client's bounded retries), 504 on a timeout, 502 when OpenAI refused the call.
 */
public final class OpenAiChatModel implements LanguageModel, Moderation {
    private static final Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);

    private final ResponsesClient responses;
    private final ModerationClient moderation;
    private final String model;

    public OpenAiChatModel(ResponsesClient responses, ModerationClient moderation, String model) {
        this.responses = responses;
        this.moderation = moderation;
        this.model = model;
    }

    @Override
    public Generation generate(Prompt prompt, Consumer<String> onDelta) {
        ResponseRequest request = new ResponseRequest(model, prompt.instructions(), input(prompt),
                prompt.tools().stream().map(t -> new FunctionTool(t.name(), t.description(), t.parameters()))
                        .toList());
        try {
            ResponseResult result = responses.stream(request, onDelta);
            return new Generation(result.text(), result.functionCalls().stream()
                    .map(c -> new Call(c.callId(), c.name(), c.argumentsJson())).toList());
        } catch (OpenAiTimeoutException e) {
            throw new ApiException(504, "upstream_timeout", "DONNA took too long to answer; try again");
        } catch (OpenAiUnavailableException e) {
            log.warn("OpenAI unavailable: {}", e.getMessage());
            throw new ApiException(503, "upstream_unavailable", "DONNA's language service is unavailable; "
                    + "try again shortly");
        } catch (OpenAiRequestException e) {
            log.error("OpenAI refused the request ({}): {}", e.status(), e.getMessage());
            throw new ApiException(502, "upstream_rejected", "DONNA's language service refused the request");
        }
    }

    /**
     * The conversation as input items: each past assistant message preceded by the tool steps of its turn, then the
     * user's message, then this turn's calls and outputs (store is off: OpenAI keeps nothing between requests).
     */
    static List<InputItem> input(Prompt prompt) {
        List<InputItem> input = new ArrayList<>();
        for (Turn turn : prompt.conversation()) {
            turn.toolItems().forEach(item -> input.add(item(item)));
            input.add(new InputItem.Message(turn.role(), turn.text()));
        }
        prompt.thisTurn().forEach(item -> input.add(item(item)));
        return input;
    }

    private static InputItem item(ToolItem item) {
        return switch (item) {
            case Said said -> InputItem.assistant(said.text());
            case Call call -> new InputItem.Call(call.callId(), call.name(), call.argumentsJson());
            case Output output -> new InputItem.CallOutput(output.callId(), output.outputJson());
        };
    }

    @Override
    public String flaggedCategories(String text) {
        ModerationResult result = moderation.check(text);
        return result.flagged() ? String.join(",", result.categories()) : null;
    }
}
