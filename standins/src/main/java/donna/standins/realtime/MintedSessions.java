package donna.standins.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The effective session object the API reports, built from what a mint request asked for plus the defaults. */
final class MintedSessions {
    static final String DEFAULT_MODEL = "gpt-realtime";
    static final String DEFAULT_VOICE = "marin";

    private MintedSessions() {}

    /** The session a secret minted with {@code requested} (the request's {@code session}) starts with. */
    static ObjectNode defaults(JsonNode requested) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode().put("object", "realtime.session").put("type", "realtime")
                .put("model", text(requested, "model", DEFAULT_MODEL))
                .put("instructions", text(requested, "instructions", "You are a helpful assistant."));
        s.putArray("output_modalities").add("audio");
        JsonNode askedInput = requested.path("audio").path("input");
        ObjectNode input = s.putObject("audio").putObject("input");
        input.putObject("format").put("type", "audio/pcm").put("rate", 24_000);
        input.set("transcription", askedInput.path("transcription").isObject()
                ? askedInput.get("transcription").deepCopy() : f.nullNode());
        JsonNode detection = askedInput.get("turn_detection");
        // Like the real API: without a say, the server detects turns itself (server VAD).
        input.set("turn_detection", detection == null ? turnDetection(f.objectNode().put("type", "server_vad"))
                : detection.isNull() ? f.nullNode() : turnDetection(detection));
        input.putNull("noise_reduction");
        ObjectNode output = ((ObjectNode) s.path("audio")).putObject("output");
        output.putObject("format").put("type", "audio/pcm").put("rate", 24_000);
        output.put("voice", text(requested.path("audio").path("output"), "voice", DEFAULT_VOICE)).put("speed", 1.0);
        // The functions the model may call, as minted (the API echoes them in the session).
        s.set("tools", requested.path("tools").isArray() ? requested.get("tools").deepCopy() : f.arrayNode());
        s.put("tool_choice", text(requested, "tool_choice", "auto"));
        return s;
    }

    /** A turn detection object with the API's defaults filled in. */
    static ObjectNode turnDetection(JsonNode asked) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        String type = asked.path("type").asText("server_vad");
        d.put("type", type);
        if ("server_vad".equals(type)) {
            d.put("threshold", asked.path("threshold").asDouble(0.5))
                    .put("prefix_padding_ms", asked.path("prefix_padding_ms").asInt(300))
                    .put("silence_duration_ms", asked.path("silence_duration_ms").asInt(500));
        } else {
            d.put("eagerness", asked.path("eagerness").asText("auto"));
        }
        d.put("create_response", asked.path("create_response").asBoolean(true))
                .put("interrupt_response", asked.path("interrupt_response").asBoolean(true));
        return d;
    }

    private static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() ? fallback : v.asText();
    }
}
