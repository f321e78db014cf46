package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import okio.BufferedSource;

/**
 * Reads a Responses API event stream as it arrives, on the caller's thread (one instance per attempt): forwards
 * each text delta at once, notes a function call, and knows whether the stream finished.
 */
final class SseStream {
    private final ObjectMapper json;
    private final Consumer<String> onTextDelta;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private boolean forwardedAny;
    private boolean completed;
    private FunctionCall functionCall;

    SseStream(ObjectMapper json, Consumer<String> onTextDelta) {
        this.json = json;
        this.onTextDelta = onTextDelta;
    }

    /**
     * Reads events to the end of the stream. A stream that ended without {@code response.completed} was cut off.
     *
     * @throws IOException the connection failed or the stream was cut off
     * @throws RuntimeException whatever the consumer threw, or the failure the stream reported
     */
    ResponseResult read(BufferedSource source) throws IOException {
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line, line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5, line.length());
            }
            // "event:", "id:", "retry:" and ":" comments: the type is inside the data too.
        }
        dispatch(); // a last event without its blank line
        if (!completed) {
            throw new IOException("the stream ended before response.completed");
        }
        return new ResponseResult(text.toString(), Optional.ofNullable(functionCall));
    }

    boolean forwardedAny() {
        return forwardedAny;
    }

    private void dispatch() {
        if (data.isEmpty()) {
            return;
        }
        String payload = data.toString();
        data.setLength(0);
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (IOException e) {
            throw new OpenAiUnavailableException("OpenAI sent an unreadable event", e);
        }
        switch (event.path("type").asText()) {
            case "response.output_text.delta" -> delta(event.path("delta").asText());
            case "response.output_item.done" -> item(event.path("item"));
            case "response.completed", "response.incomplete" -> completed = true;
            case "response.failed" -> streamError("OpenAI failed the response: "
                    + event.path("response").path("error").path("message").asText("no reason given"));
            case "error" -> streamError("OpenAI stream error: "
                    + event.path("message").asText(event.path("error").path("message").asText("")));
            default -> {
                // created, in_progress, content parts, argument deltas...: nothing the caller needs
            }
        }
    }

    private void delta(String delta) {
        if (delta.isEmpty()) {
            return;
        }
        text.append(delta);
        forwardedAny = true;
        onTextDelta.accept(delta); // may throw (the browser went away): that ends the stream with its exception
    }

    private void item(JsonNode item) {
        if (functionCall == null && "function_call".equals(item.path("type").asText())) {
            functionCall = new FunctionCall(item.path("name").asText(), item.path("arguments").asText());
        }
    }

    /** Server-side failure: safe to retry only while the caller has seen nothing. */
    private void streamError(String message) {
        throw forwardedAny ? new OpenAiUnavailableException(message, null) : new RetryableFailure(message, null, null);
    }
}
