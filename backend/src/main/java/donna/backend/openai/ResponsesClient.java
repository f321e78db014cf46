package donna.backend.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Streams replies from the Responses API ({@code POST /v1/responses} with {@code stream: true}). Thread-safe.
 *
 * <p>Failures before any text reached the caller (429, 5xx, connection failures) are retried per the
 * {@link RetrySettings}; a stream that breaks after text was forwarded is not (the caller already passed it on).
 */
public final class ResponsesClient {
    private final OpenAiHttp http;

    public ResponsesClient(OpenAiHttp http) {
        this.http = http;
    }

    /**
     * Sends the request and calls {@code onTextDelta} with each piece of text as it arrives (serially, on the
     * caller's own thread), then returns the whole reply.
     *
     * @throws OpenAiUnavailableException OpenAI could not answer, or the stream broke off
     * @throws OpenAiTimeoutException     no complete answer within the timeout, or no data for too long
     * @throws OpenAiRequestException     OpenAI refused the request (bad request, bad key)
     * @throws RuntimeException           whatever {@code onTextDelta} threw, which ends the stream
     */
    public ResponseResult stream(ResponseRequest request, Consumer<String> onTextDelta) {
        byte[] body = body(request);
        long deadline = http.newDeadline();
        return http.withRetries(() -> attempt(body, onTextDelta, deadline));
    }

    private ResponseResult attempt(byte[] body, Consumer<String> onTextDelta, long deadline) {
        SseStream sse = new SseStream(http.json().getFactory(), onTextDelta);
        return http.post("/v1/responses", body, deadline, request -> request.header("Accept", "text/event-stream"),
                sse::read, sse::forwardedAny);
    }

    private byte[] body(ResponseRequest request) {
        ObjectNode body = http.json().createObjectNode();
        body.put("model", request.model() != null ? request.model() : http.config().chatModel());
        if (request.instructions() != null) {
            body.put("instructions", request.instructions());
        }
        ArrayNode input = body.putArray("input");
        for (InputItem item : request.input()) {
            switch (item) {
                case InputItem.Message m -> input.addObject().put("role", m.role()).put("content", m.text());
                case InputItem.Call c -> input.addObject().put("type", "function_call").put("call_id", c.callId())
                        .put("name", c.name()).put("arguments", c.argumentsJson());
                case InputItem.CallOutput o -> input.addObject().put("type", "function_call_output")
                        .put("call_id", o.callId()).put("output", o.output());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (FunctionTool tool : request.tools()) {
                ObjectNode t = tools.addObject().put("type", "function").put("name", tool.name());
                if (tool.description() != null) {
                    t.put("description", tool.description());
                }
                t.set("parameters", tool.parameters());
            }
        }
        body.put("stream", true);
        // The service keeps the history itself; nothing needs to live at OpenAI.
        body.put("store", false);
        try {
            return http.json().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the request", e);
        }
    }
}
