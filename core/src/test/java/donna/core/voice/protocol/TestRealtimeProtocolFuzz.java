package donna.core.voice.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the Realtime event decoder: the data channel carries whatever the peer sends, so any text must become a
 * {@link ServerEvent} (junk an {@link ServerEvent.Unknown} that keeps the text), never an exception. In a plain test
 * run this replays the kept inputs in {@code TestRealtimeProtocolFuzzInputs}; {@code JAZZER_FUZZ=1} fuzzes it
 * (docs/security.md "Fuzzing").
 */
class TestRealtimeProtocolFuzz {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "30s")
    void anyTextIsAnEvent(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);

        ServerEvent event = RealtimeProtocol.parse(text);

        assertThat(event).isNotNull();
        if (event instanceof ServerEvent.Unknown unknown) {
            assertThat(unknown.json()).as("an unknown event keeps the text it came from").isEqualTo(text);
        } else {
            // A typed event only ever comes from a JSON object that names that type.
            JsonNode parsed = readObject(text);
            assertThat(parsed).as("a typed event from text that is no JSON object: %s", event).isNotNull();
            assertThat(parsed.path("type").isTextual()).as("typed event without a type field: %s", event).isTrue();
        }
    }

    private static JsonNode readObject(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }
}
