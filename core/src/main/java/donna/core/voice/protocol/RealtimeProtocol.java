package donna.core.voice.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Server event text to {@link ServerEvent}s, {@link ClientEvent}s to text. Thread-safe. */
public final class RealtimeProtocol {
    private static final Logger log = LoggerFactory.getLogger(RealtimeProtocol.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealtimeProtocol() {}

    /** One server event; malformed or unknown ones become {@link ServerEvent.Unknown} (logged at debug). */
    public static ServerEvent parse(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            log.debug("Realtime event is not JSON ({} chars): {}", text == null ? 0 : text.length(), e.getMessage());
            return new ServerEvent.Unknown(null, text);
        }
        if (n == null || !n.isObject()) {
            log.debug("Realtime event is not a JSON object");
            return new ServerEvent.Unknown(null, text);
        }
        String type = n.path("type").asText("");
        ServerEvent event = switch (type) {
            case "session.created" -> new ServerEvent.SessionCreated(str(n.path("session"), "id"));
            case "session.updated" -> new ServerEvent.SessionUpdated(str(n.path("session"), "id"),
                    str(n.path("session").path("audio").path("input").path("turn_detection"), "type"));
            case "input_audio_buffer.speech_started" ->
                    new ServerEvent.SpeechStarted(str(n, "item_id"), n.path("audio_start_ms").asLong());
            case "input_audio_buffer.speech_stopped" ->
                    new ServerEvent.SpeechStopped(str(n, "item_id"), n.path("audio_end_ms").asLong());
            case "input_audio_buffer.committed" ->
                    new ServerEvent.AudioCommitted(str(n, "item_id"), str(n, "previous_item_id"));
            case "input_audio_buffer.cleared" -> new ServerEvent.AudioCleared();
            case "conversation.item.input_audio_transcription.completed" ->
                    new ServerEvent.InputTranscript(str(n, "item_id"), n.path("transcript").asText(""));
            case "conversation.item.input_audio_transcription.failed" ->
                    new ServerEvent.InputTranscriptFailed(str(n, "item_id"), str(n.path("error"), "message"));
            case "conversation.item.truncated" ->
                    new ServerEvent.ItemTruncated(str(n, "item_id"), n.path("audio_end_ms").asLong());
            case "response.created" -> new ServerEvent.ResponseCreated(str(n.path("response"), "id"));
            case "response.output_item.added" -> new ServerEvent.OutputItemAdded(str(n, "response_id"),
                    str(n.path("item"), "id"), str(n.path("item"), "role"));
            case "response.function_call_arguments.done" -> new ServerEvent.FunctionCallDone(str(n, "response_id"),
                    str(n, "item_id"), str(n, "call_id"), str(n, "name"), arguments(n), true);
            case "response.output_item.done" -> functionCall(str(n, "response_id"), n.path("item"));
            case "response.output_audio_transcript.delta" ->
                    new ServerEvent.TranscriptDelta(str(n, "response_id"), str(n, "item_id"), n.path("delta").asText(""));
            case "response.output_audio_transcript.done" -> new ServerEvent.TranscriptDone(str(n, "response_id"),
                    str(n, "item_id"), n.path("transcript").asText(""));
            case "response.output_audio.delta" ->
                    new ServerEvent.AudioDelta(str(n, "response_id"), str(n, "item_id"), n.path("delta").asText(""));
            case "response.output_audio.done" -> new ServerEvent.AudioDone(str(n, "response_id"), str(n, "item_id"));
            case "output_audio_buffer.started" -> new ServerEvent.PlaybackStarted(str(n, "response_id"));
            case "output_audio_buffer.stopped" -> new ServerEvent.PlaybackStopped(str(n, "response_id"));
            case "output_audio_buffer.cleared" -> new ServerEvent.PlaybackCleared(str(n, "response_id"));
            case "response.done" -> responseDone(n.path("response"));
            case "error" -> {
                JsonNode e = n.path("error");
                yield new ServerEvent.Error(str(e, "code"), str(e, "message"), str(e, "param"), str(e, "event_id"));
            }
            default -> null;
        };
        if (event == null) {
            log.debug("Realtime event {} kept as unknown", type.isEmpty() ? "(no type)" : type);
            return new ServerEvent.Unknown(type.isEmpty() ? null : type, text);
        }
        return event;
    }

    /** The JSON text of a client event. */
    public static String write(ClientEvent event) {
        ObjectNode n = JSON.createObjectNode();
        switch (event) {
            case ClientEvent.SessionUpdate u -> {
                n.put("type", "session.update");
                n.set("session", session(u.session()));
            }
            case ClientEvent.AppendAudio a -> n.put("type", "input_audio_buffer.append").put("audio", a.audioBase64());
            case ClientEvent.CommitAudio c -> n.put("type", "input_audio_buffer.commit");
            case ClientEvent.ClearAudio c -> n.put("type", "input_audio_buffer.clear");
            case ClientEvent.CreateResponse c -> n.put("type", "response.create");
            case ClientEvent.CancelResponse c -> {
                n.put("type", "response.cancel");
                if (c.responseId() != null) {
                    n.put("response_id", c.responseId());
                }
            }
            case ClientEvent.ClearOutputAudio c -> n.put("type", "output_audio_buffer.clear");
            case ClientEvent.TruncateItem t -> n.put("type", "conversation.item.truncate").put("item_id", t.itemId())
                    .put("content_index", t.contentIndex()).put("audio_end_ms", t.audioEndMs());
            case ClientEvent.FunctionCallOutput o -> {
                n.put("type", "conversation.item.create");
                n.putObject("item").put("type", "function_call_output").put("call_id", o.callId())
                        .put("output", o.output());
            }
            case ClientEvent.CreateMessage m -> {
                n.put("type", "conversation.item.create");
                ObjectNode item = n.putObject("item").put("type", "message").put("role", m.role().wireName());
                item.putArray("content").addObject().put("type", m.role().contentType()).put("text", m.text());
            }
        }
        return n.toString();
    }

    private static ObjectNode session(SessionConfig config) {
        ObjectNode s = JSON.createObjectNode().put("type", "realtime");
        if (config.instructions() != null) {
            s.put("instructions", config.instructions());
        }
        ObjectNode input = s.putObject("audio").putObject("input");
        if (config.transcriptionModel() != null) {
            input.putObject("transcription").put("model", config.transcriptionModel());
        }
        if (config.turnDetection() == TurnDetection.NONE) {
            input.putNull("turn_detection"); // null turns detection off: push-to-talk
        } else {
            ObjectNode detection = input.putObject("turn_detection").put("type", config.turnDetection().wireName());
            // The server answers on its own when the user stops, and stops DONNA when the user talks over her.
            detection.put("create_response", true).put("interrupt_response", true);
        }
        return s;
    }

    private static ServerEvent responseDone(JsonNode response) {
        JsonNode details = response.path("status_details");
        String reason = str(details, "reason");
        if (reason == null) {
            reason = str(details.path("error"), "message");
        }
        List<ServerEvent.FunctionCallDone> calls = new ArrayList<>();
        for (JsonNode item : response.path("output")) {
            if (functionCall(str(response, "id"), item) instanceof ServerEvent.FunctionCallDone call) {
                calls.add(call);
            }
        }
        return new ServerEvent.ResponseDone(str(response, "id"), str(response, "status"), reason, calls);
    }

    /** A {@code function_call} output item as a call; any other item (a message) is kept as unknown. */
    private static ServerEvent functionCall(String responseId, JsonNode item) {
        if (!"function_call".equals(str(item, "type"))) {
            return null;
        }
        return new ServerEvent.FunctionCallDone(responseId, str(item, "id"), str(item, "call_id"), str(item, "name"),
                arguments(item), !"incomplete".equals(str(item, "status")));
    }

    /** The API sends arguments as JSON text; an object (a server that inlines it) is taken as its text. */
    private static String arguments(JsonNode n) {
        JsonNode v = n.get("arguments");
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isContainerNode() ? v.toString() : v.asText();
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
