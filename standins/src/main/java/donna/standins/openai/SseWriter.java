package donna.standins.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Writes Responses API stream events: {@code event: <type>} then {@code data: {"type",...,"sequence_number"}}. */
final class SseWriter {
    private final OutputStream out;
    private final ObjectMapper json;
    private int sequence;

    SseWriter(OutputStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    /** A new event object with {@code type} and {@code sequence_number} already set, fields to be added. */
    ObjectNode event(String type) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", type);
        event.put("sequence_number", sequence++);
        return event;
    }

    void write(ObjectNode event) throws IOException {
        out.write(("event: " + event.get("type").asText() + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        out.write(json.writeValueAsBytes(event));
        out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends what is buffered, then waits {@code latency}: the next event arrives that much later. */
    void pause(Duration latency) throws IOException {
        if (latency.isZero() || latency.isNegative()) {
            return; // no flush: the whole answer goes out in as few packets as possible
        }
        out.flush();
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("fake closed while streaming", e);
        }
    }

    void flush() throws IOException {
        out.flush();
    }
}
