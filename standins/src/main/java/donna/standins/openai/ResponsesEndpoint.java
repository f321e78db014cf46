package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import donna.standins.support.Exchanges;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /v1/responses}: a scripted or canned reply, streamed as the real event sequence or as one object. */
final class ResponsesEndpoint {
    private static final int ARGUMENT_CHUNK = 16;

    private final Script script;
    private final ObjectMapper json;

    ResponsesEndpoint(Script script, ObjectMapper json) {
        this.script = script;
        this.json = json;
    }

    void answer(HttpExchange exchange, JsonNode request, Failure failure) throws IOException {
        Reply scripted = script.nextReply();
        Reply reply = (scripted != null ? scripted : CannedAssistant.answer(request)).resolved();
        ResponseObjects.Ids ids = ResponseObjects.Ids.fresh();
        if (!request.path("stream").asBoolean(false)) {
            ObjectNode done = ResponseObjects.response(ids, request, "completed", ResponseObjects.output(ids, reply),
                    reply);
            Exchanges.sendJson(exchange, 200, done);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        stream(new SseWriter(body, json), request, reply, ids,
                failure != null && failure.kind() == Failure.Kind.DROP_MID_STREAM);
        body.close();
    }

    private void stream(SseWriter sse, JsonNode request, Reply reply, ResponseObjects.Ids ids, boolean drop)
            throws IOException {
        ArrayNode empty = JsonNodeFactory.instance.arrayNode();
        ObjectNode created = sse.event("response.created");
        created.set("response", ResponseObjects.response(ids, request, "in_progress", empty, reply));
        sse.write(created);
        ObjectNode progress = sse.event("response.in_progress");
        progress.set("response", ResponseObjects.response(ids, request, "in_progress", empty, reply));
        sse.write(progress);

        int outputIndex = 0;
        if (!reply.text().isEmpty()) {
            streamMessage(sse, ids, reply.text(), outputIndex++, drop);
            drop = false;
        }
        for (int i = 0; i < reply.calls().size(); i++) {
            streamFunctionCall(sse, ids, i, reply.calls().get(i), outputIndex++, drop);
            drop = false;
        }
        ObjectNode completed = sse.event("response.completed");
        completed.set("response",
                ResponseObjects.response(ids, request, "completed", ResponseObjects.output(ids, reply), reply));
        sse.write(completed);
    }

    private void streamMessage(SseWriter sse, ResponseObjects.Ids ids, String text, int outputIndex, boolean drop)
            throws IOException {
        ObjectNode added = sse.event("response.output_item.added");
        added.put("output_index", outputIndex);
        added.set("item", ResponseObjects.message(ids, "in_progress", null));
        sse.write(added);
        ObjectNode partAdded = sse.event("response.content_part.added");
        partLocation(partAdded, ids, outputIndex);
        partAdded.set("part", ResponseObjects.outputText(""));
        sse.write(partAdded);

        for (String piece : words(text)) {
            sse.pause(script.chunkLatency());
            ObjectNode delta = sse.event("response.output_text.delta");
            partLocation(delta, ids, outputIndex);
            delta.put("delta", piece);
            delta.putArray("logprobs");
            sse.write(delta);
            dropIf(sse, drop);
        }
        ObjectNode textDone = sse.event("response.output_text.done");
        partLocation(textDone, ids, outputIndex);
        textDone.put("text", text);
        textDone.putArray("logprobs");
        sse.write(textDone);
        ObjectNode partDone = sse.event("response.content_part.done");
        partLocation(partDone, ids, outputIndex);
        partDone.set("part", ResponseObjects.outputText(text));
        sse.write(partDone);
        ObjectNode itemDone = sse.event("response.output_item.done");
        itemDone.put("output_index", outputIndex);
        itemDone.set("item", ResponseObjects.message(ids, "completed", text));
        sse.write(itemDone);
    }

    private void streamFunctionCall(SseWriter sse, ResponseObjects.Ids ids, int index, Reply.Call call,
            int outputIndex, boolean drop) throws IOException {
        ObjectNode added = sse.event("response.output_item.added");
        added.put("output_index", outputIndex);
        added.set("item", ResponseObjects.functionCall(ids, index, "in_progress", call, ""));
        sse.write(added);
        String arguments = call.argumentsJson();
        for (int i = 0; i < arguments.length(); i += ARGUMENT_CHUNK) {
            sse.pause(script.chunkLatency());
            ObjectNode delta = sse.event("response.function_call_arguments.delta");
            delta.put("item_id", ids.functionCall(index));
            delta.put("output_index", outputIndex);
            delta.put("delta", arguments.substring(i, Math.min(arguments.length(), i + ARGUMENT_CHUNK)));
            sse.write(delta);
            dropIf(sse, drop);
        }
        ObjectNode argsDone = sse.event("response.function_call_arguments.done");
        argsDone.put("item_id", ids.functionCall(index));
        argsDone.put("name", call.name());
        argsDone.put("output_index", outputIndex);
        argsDone.put("arguments", arguments);
        sse.write(argsDone);
        ObjectNode itemDone = sse.event("response.output_item.done");
        itemDone.put("output_index", outputIndex);
        itemDone.set("item", ResponseObjects.functionCall(ids, index, "completed", call, arguments));
        sse.write(itemDone);
    }

    private static void partLocation(ObjectNode event, ResponseObjects.Ids ids, int outputIndex) {
        event.put("item_id", ids.message());
        event.put("output_index", outputIndex);
        event.put("content_index", 0);
    }

    /** After the first delta went out, kill the connection (the JDK server closes it when a handler throws). */
    private static void dropIf(SseWriter sse, boolean drop) throws IOException {
        if (drop) {
            sse.flush();
            throw new IOException("scripted drop mid-stream");
        }
    }

    /** The text in word-sized deltas, each word with the whitespace after it, as models stream tokens. */
    static List<String> words(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }
}
