package donna.standins.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * GPT-Live's strict session configuration, as documented: "a strict configuration object that rejects unknown
 * fields". The fields the documentation names are accepted (model, instructions, input, audio.output.voice,
 * delegation, store, client); anything else is refused with the name of the offending field. A WebRTC session
 * negotiates its audio format, so {@code audio.format} is refused here too.
 */
final class LiveSessionConfig {
    private static final Set<String> SESSION = Set.of("model", "instructions", "input", "audio", "delegation", "store",
            "client");
    private static final Set<String> AUDIO = Set.of("output");
    private static final Set<String> AUDIO_OUTPUT = Set.of("voice");
    private static final Set<String> RESPONSES = Set.of("model", "instructions", "max_output_tokens", "service_tier",
            "reasoning", "text", "tools", "tool_choice", "parallel_tool_calls");
    private static final Set<String> REQUEST = Set.of("session", "transport");
    private static final Set<String> TRANSPORT = Set.of("type", "sdp");
    /** The documented limit on conversation instructions (tokens); the fake counts characters / 4. */
    static final int MAX_INSTRUCTION_TOKENS = 16_384;

    private LiveSessionConfig() {}

    /** A refusal: the field ({@code param}), OpenAI's error code and a message. */
    record Problem(String param, String code, String message) {}

    /** The whole create request ({@code {session, transport}}); null when it is acceptable. */
    static Problem checkRequest(JsonNode request) {
        if (request == null || !request.isObject()) {
            return new Problem(null, "invalid_json", "We could not parse the JSON body of your request.");
        }
        Problem p = unknown(request, REQUEST, "");
        if (p != null) {
            return p;
        }
        JsonNode transport = request.path("transport");
        if (!transport.isObject()) {
            return missing("transport");
        }
        p = unknown(transport, TRANSPORT, "transport.");
        if (p != null) {
            return p;
        }
        if (!"webrtc".equals(transport.path("type").asText())) {
            return new Problem("transport.type", "invalid_value", "Invalid value for 'transport.type': expected "
                    + "'webrtc'.");
        }
        if (!transport.path("sdp").isTextual() || transport.path("sdp").asText().isBlank()) {
            return missing("transport.sdp");
        }
        JsonNode session = request.path("session");
        if (!session.isObject()) {
            return missing("session");
        }
        return checkSession(session);
    }

    /** The session object alone; null when it is acceptable. */
    static Problem checkSession(JsonNode session) {
        Problem p = unknown(session, SESSION, "session.");
        if (p != null) {
            return p;
        }
        if (!session.path("model").isTextual() || session.path("model").asText().isBlank()) {
            return missing("session.model");
        }
        if (session.has("instructions")) {
            if (!session.get("instructions").isTextual()) {
                return type("session.instructions", "a string");
            }
            if (session.get("instructions").asText().length() / 4 > MAX_INSTRUCTION_TOKENS) {
                return new Problem("session.instructions", "string_above_max_length",
                        "'session.instructions' is longer than " + MAX_INSTRUCTION_TOKENS + " tokens.");
            }
        }
        if (session.has("input") && !session.get("input").isArray()) {
            return type("session.input", "an array");
        }
        if (session.has("store") && !session.get("store").isBoolean()) {
            return type("session.store", "a boolean");
        }
        if (session.has("client") && !session.get("client").isObject()) {
            return type("session.client", "an object");
        }
        if (session.has("audio")) {
            JsonNode audio = session.get("audio");
            if (!audio.isObject()) {
                return type("session.audio", "an object");
            }
            if (audio.has("format")) {
                return new Problem("session.audio.format", "unknown_parameter", "Unknown parameter: "
                        + "'session.audio.format'. WebRTC negotiates the audio format; omit it.");
            }
            p = unknown(audio, AUDIO, "session.audio.");
            if (p != null) {
                return p;
            }
            JsonNode output = audio.path("output");
            if (audio.has("output")) {
                if (!output.isObject()) {
                    return type("session.audio.output", "an object");
                }
                p = unknown(output, AUDIO_OUTPUT, "session.audio.output.");
                if (p != null) {
                    return p;
                }
                if (output.has("voice") && !output.get("voice").isTextual()) {
                    return type("session.audio.output.voice", "a string");
                }
            }
        }
        return session.has("delegation") ? checkDelegation(session.get("delegation"), "session.delegation") : null;
    }

    /** {@code null}, {@code {"type":"client"}} or {@code {"type":"responses","responses":{...}}}. */
    static Problem checkDelegation(JsonNode delegation, String where) {
        if (delegation.isNull()) {
            return null;
        }
        if (!delegation.isObject()) {
            return type(where, "an object or null");
        }
        String kind = delegation.path("type").asText("");
        switch (kind) {
            case "client" -> {
                return unknown(delegation, Set.of("type"), where + ".");
            }
            case "responses" -> {
                Problem p = unknown(delegation, Set.of("type", "responses"), where + ".");
                if (p != null) {
                    return p;
                }
                JsonNode responses = delegation.path("responses");
                if (!responses.isObject()) {
                    return missing(where + ".responses");
                }
                return unknown(responses, RESPONSES, where + ".responses.");
            }
            default -> {
                return new Problem(where + ".type", "invalid_value", "Invalid value for '" + where
                        + ".type': expected 'client' or 'responses'.");
            }
        }
    }

    private static Problem unknown(JsonNode object, Set<String> allowed, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!allowed.contains(name)) {
                return new Problem(prefix + name, "unknown_parameter", "Unknown parameter: '" + prefix + name + "'.");
            }
        }
        return null;
    }

    private static Problem missing(String param) {
        return new Problem(param, "missing_required_parameter", "Missing required parameter: '" + param + "'.");
    }

    private static Problem type(String param, String expected) {
        return new Problem(param, "invalid_type", "Invalid type for '" + param + "': expected " + expected + ".");
    }
}
