package donna.backend.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads a Responses API event stream as it arrives, on the caller's thread (one instance per attempt): forwards
 * each text delta at once, notes every function call, and knows whether the stream finished. Lines stay bytes (data moves
 * between okio buffers uncopied) and each event goes through Jackson's streaming parser ({@link StreamEvent}): no string per line, no tree per event.
 */
final class SseStream {
    private static final ByteString DATA = ByteString.encodeUtf8("data:");

    private final JsonFactory json;
    private final Consumer<String> onTextDelta;
    private final StringBuilder text = new StringBuilder();
    /** The data lines of the event being read (joined by newlines, as SSE says). */
    private final Buffer data = new Buffer();
    private boolean forwardedAny;
    private boolean completed;
    private final List<FunctionCall> functionCalls = new ArrayList<>();

    SseStream(JsonFactory json, Consumer<String> onTextDelta) {
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
        Buffer buffered = source.getBuffer();
        while (true) {
            long end = source.indexOf((byte) '\n'); // -1: the stream ended, the rest (if any) is buffered
            long length = end == -1 ? buffered.size() : end;
            if (end == -1 && length == 0) {
                break;
            }
            long content = length > 0 && buffered.getByte(length - 1) == '\r' ? length - 1 : length;
            if (content == 0) {
                dispatch();
            } else if (content >= DATA.size() && source.rangeEquals(0, DATA)) {
                long from = content > DATA.size() && buffered.getByte(DATA.size()) == ' ' ? DATA.size() + 1
                        : DATA.size();
                if (data.size() > 0) {
                    data.writeByte('\n');
                }
                source.skip(from);
                source.readFully(data, content - from); // moves the bytes, no copy
                length -= content;
            }
            // "event:", "id:", "retry:" and ":" comments: the type is inside the data too.
            source.skip(end == -1 ? length : length + 1);
            if (end == -1) {
                break;
            }
        }
        dispatch(); // a last event without its blank line
        if (!completed) {
            throw new IOException("the stream ended before response.completed");
        }
        return new ResponseResult(text.toString(), functionCalls);
    }

    boolean forwardedAny() {
        return forwardedAny;
    }

    private void dispatch() {
        if (data.size() == 0) {
            return;
        }
        StreamEvent event;
        try (JsonParser parser = json.createParser(data.readByteArray())) {
            event = StreamEvent.read(parser);
        } catch (IOException e) {
            throw new OpenAiUnavailableException("OpenAI sent an unreadable event", e);
        }
        switch (event.type() == null ? "" : event.type()) {
            case "response.output_text.delta" -> delta(event.delta());
            case "response.output_item.done" -> item(event.item());
            case "response.completed", "response.incomplete" -> completed = true;
            case "response.failed" -> streamError("OpenAI failed the response: "
                    + (event.message() != null ? event.message() : "no reason given"));
            case "error" -> streamError("OpenAI stream error: " + (event.message() != null ? event.message() : ""));
            default -> {
                // created, in_progress, content parts, argument deltas...: nothing the caller needs
            }
        }
    }

    private void delta(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        text.append(delta);
        forwardedAny = true;
        onTextDelta.accept(delta); // may throw (the browser went away): that ends the stream with its exception
    }

    private void item(StreamEvent.Item item) {
        if (item != null && "function_call".equals(item.type())) {
            functionCalls.add(new FunctionCall(item.callId() == null ? "" : item.callId(),
                    item.name() == null ? "" : item.name(), item.arguments() == null ? "" : item.arguments()));
        }
    }

    /** Server-side failure: safe to retry only while the caller has seen nothing. */
    private void streamError(String message) {
        throw forwardedAny ? new OpenAiUnavailableException(message, null) : new RetryableFailure(message, null, null);
    }
}
