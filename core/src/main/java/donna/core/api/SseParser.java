package donna.core.api;

import java.util.function.BiConsumer;

/**
 * Turns Server-Sent-Event lines into (event, data) pairs, as the HTML spec says: {@code data:} lines of one event
 * are joined with newlines, one leading space after the colon is dropped, comment lines ({@code :...}) are ignored,
 * and a blank line dispatches. Events without a name are {@code message}.
 */
final class SseParser {
    private final BiConsumer<String, String> onEvent;
    private String event = "";
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    SseParser(BiConsumer<String, String> onEvent) {
        this.onEvent = onEvent;
    }

    void line(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            default -> { /* id and retry do not matter for a single request-response stream */ }
        }
    }

    /** The stream ended: a last event without its blank line still counts (servers do close early). */
    void end() {
        dispatch();
    }

    private void dispatch() {
        if (hasData) {
            onEvent.accept(event.isEmpty() ? "message" : event, data.toString());
        }
        event = "";
        data.setLength(0);
        hasData = false;
    }
}
