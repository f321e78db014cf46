package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads a Responses API event stream line by line as it arrives (one instance per attempt): forwards each text
 * delta at once, notes a function call, and knows whether the stream finished. Flow guarantees the line signals
 * come one at a time, so the plain fields need no locking; the ones the waiting thread reads are volatile.
 */
final class SseStream implements Flow.Subscriber<String>, OpenAiHttp.Progress {
    private final ObjectMapper json;
    private final Consumer<String> onTextDelta;
    private final CompletableFuture<?> outcome;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private volatile Flow.Subscription subscription;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean forwardedAny;
    private volatile boolean completed;
    private volatile boolean aborted;
    private FunctionCall functionCall;

    /** @param outcome failed at once when the consumer throws or the stream reports an error */
    SseStream(ObjectMapper json, Consumer<String> onTextDelta, CompletableFuture<?> outcome) {
        this.json = json;
        this.onTextDelta = onTextDelta;
        this.outcome = outcome;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        lastActivity = System.nanoTime();
        if (aborted) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        lastActivity = System.nanoTime();
        if (aborted) {
            return;
        }
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

    @Override
    public void onError(Throwable error) {
        // The HTTP call's future fails with the same error; the waiting thread maps it.
    }

    @Override
    public void onComplete() {
        dispatch(); // a last event without its blank line
    }

    /** The result of a finished stream; a stream that ended without response.completed was cut off. */
    ResponseResult result() throws IOException {
        if (!completed) {
            throw new IOException("the stream ended before response.completed");
        }
        return new ResponseResult(text.toString(), Optional.ofNullable(functionCall));
    }

    @Override
    public long lastActivityNanos() {
        return lastActivity;
    }

    @Override
    public boolean forwardedAny() {
        return forwardedAny;
    }

    @Override
    public void abort() {
        aborted = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
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
            fail(new OpenAiUnavailableException("OpenAI sent an unreadable event", e));
            return;
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
        try {
            onTextDelta.accept(delta);
        } catch (RuntimeException e) {
            fail(e); // e.g. the browser went away: stop reading and hand the caller its own exception
        }
    }

    private void item(JsonNode item) {
        if (functionCall == null && "function_call".equals(item.path("type").asText())) {
            functionCall = new FunctionCall(item.path("name").asText(), item.path("arguments").asText());
        }
    }

    /** Server-side failure: safe to retry only while the caller has seen nothing. */
    private void streamError(String message) {
        fail(forwardedAny ? new OpenAiUnavailableException(message, null) : new RetryableFailure(message, null, null));
    }

    private void fail(RuntimeException failure) {
        abort();
        outcome.completeExceptionally(new OpenAiHttp.StreamAbort(failure));
    }
}
