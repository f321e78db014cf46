package donna.backend.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;

/**
 * The fields of one Responses API stream event that the client acts on, read with Jackson's streaming parser:
 * everything else (the whole response object that {@code response.created} and {@code response.completed} carry,
 * content parts, usage...) is skipped without building a tree. Field order does not matter.
 *
 * @param type      the event type, e.g. {@code response.output_text.delta}
 * @param delta     the text of a delta event
 * @param item      the {@code type}, {@code call_id}, {@code name} and {@code arguments} of an output item
 * @param message   the failure message of an {@code error} ({@code message} or {@code error.message}) or
 *                  {@code response.failed} ({@code response.error.message}) event
 */
record StreamEvent(String type, String delta, Item item, String message) {
    record Item(String type, String callId, String name, String arguments) {}

    /** Reads one event object from {@code p}, which is positioned before it. */
    static StreamEvent read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "an event is a JSON object");
        }
        String type = null;
        String delta = null;
        Item item = null;
        String message = null;
        String nestedMessage = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "type" -> type = text(p);
                case "delta" -> delta = text(p);
                case "message" -> message = text(p);
                case "item" -> item = item(p);
                // error.message of an error event, response.error.message of response.failed
                case "error" -> nestedMessage = firstNonNull(nestedMessage, textAt(p, "message"));
                case "response" -> nestedMessage = firstNonNull(nestedMessage, textAt(p, "error", "message"));
                default -> p.skipChildren();
            }
        }
        return new StreamEvent(type, delta, item, message != null ? message : nestedMessage);
    }

    private static Item item(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String type = null;
        String callId = null;
        String name = null;
        String arguments = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "type" -> type = text(p);
                case "call_id" -> callId = text(p);
                case "name" -> name = text(p);
                case "arguments" -> arguments = text(p);
                default -> p.skipChildren();
            }
        }
        return new Item(type, callId, name, arguments);
    }

    /** The text at {@code path} inside the value at {@code p}, which is consumed whole; null when absent. */
    private static String textAt(JsonParser p, String... path) throws IOException {
        return textAt(p, path, 0);
    }

    private static String textAt(JsonParser p, String[] path, int depth) throws IOException {
        if (depth == path.length) {
            return text(p);
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean wanted = path[depth].equals(p.currentName());
            p.nextToken();
            if (wanted) {
                value = textAt(p, path, depth + 1);
            } else {
                p.skipChildren();
            }
        }
        return value;
    }

    /** A scalar's text; a nested value is skipped and counts as absent. */
    private static String text(JsonParser p) throws IOException {
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
            return null;
        }
        return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
