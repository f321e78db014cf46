package donna.core.voice.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates between GPT-Live's data-channel events and the Realtime-shaped events a
 * {@link donna.core.voice.VoiceSession} speaks, so one session drives either engine. One codec per connection;
 * thread-safe (events in and out arrive on different threads).
 *
 * <p>Live to the session: {@code session.started} is the session's {@code session.created} (and confirms a
 * {@code session.update} sent before it); the user's {@code session.input_transcript.delta}s are one turn, reported
 * as committed and transcribed when Live moves on (it sends no "done"); DONNA's
 * {@code session.output_transcript.delta}s are one response (created, playing, transcript deltas), ended by
 * {@code session.usage.updated} (done, stopped) or cut off by the user's next turn (cancelled, cleared); a
 * {@code session.delegation.created} is a response that calls the function {@value #DELEGATION_TOOL} with the user's
 * words as {@code request} (Live's delegation carries no task text), followed by those words' transcript (so the
 * session knows the turn is delegated when it hears them); {@code error} keeps its shape. After a press that
 * interrupted an answer, what Live still says of it is dropped until the person's turn is heard or ends.
 *
 * <p>The session to Live: a {@code session.update} is answered here (Live's config is fixed at creation); the
 * function call's output becomes {@code session.commentary.append} for that delegation (the reply text, at most
 * {@value #MAX_COMMENTARY_CHARS} characters); end of a push-to-talk turn ({@code input_audio_buffer.commit}) becomes
 * {@code session.input_audio.mute} and the next press ({@code input_audio_buffer.clear}) unmutes; messages restored
 * after a reconnect become silent context ({@code session.thinking.append}); {@code response.create},
 * {@code response.cancel}, {@code output_audio_buffer.clear} and {@code conversation.item.truncate} have no Live
 * counterpart (Live answers and yields to the person by itself) and are dropped.
 */
public final class LiveEventCodec {
    private static final Logger log = LoggerFactory.getLogger(LiveEventCodec.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The function a delegated turn appears as to the session; the app runs it as a typed turn. */
    public static final String DELEGATION_TOOL = "live_delegation";
    /** Live takes at most 500 tokens of commentary: about this many characters. */
    static final int MAX_COMMENTARY_CHARS = 1_800;

    /**
     * What one session event turns into: events for Live, events answered locally for the session, and whether it
     * ended the person's turn (push-to-talk released: what Live says next answers them).
     */
    public record Outgoing(List<String> toLive, List<String> toSession, boolean turnEnded) {}

    private boolean started;
    private boolean updatePending;
    private String requestedTurnDetection;
    private boolean muted;
    /**
     * The person pressed while DONNA spoke: what Live still says of that answer (it goes on until it hears them) is
     * dropped, until Live hears their turn or the turn ends.
     */
    private boolean interrupted;
    /** DONNA's spoken answers opened so far (the transport resumes playback at a new one). */
    private long answers;
    private long ids;

    private StringBuilder userTurn;
    private String userItemId;
    private String lastUserWords = "";
    private String responseId;
    private String outputItemId;
    private final StringBuilder spoken = new StringBuilder();

    // ---- Live -> session ----

    /** One Live server event, as the events the session understands (possibly none). */
    public synchronized List<String> incoming(String liveEventJson) {
        JsonNode e = parse(liveEventJson);
        List<String> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        switch (e.path("type").asText("")) {
            case "session.started" -> {
                started = true;
                ObjectNode created = event("session.created");
                created.putObject("session").put("id", e.path("session").path("id").asText(null));
                out.add(created.toString());
                if (updatePending) {
                    updatePending = false;
                    out.add(updated());
                }
            }
            case "session.input_transcript.delta" -> {
                interrupted = false; // Live heard the person: what it says next answers them
                closeResponse(out, true);
                if (userTurn == null) {
                    userTurn = new StringBuilder();
                    userItemId = "live_in_" + (++ids);
                    out.add(event("input_audio_buffer.speech_started").put("item_id", userItemId)
                            .put("audio_start_ms", e.path("start_ms").asLong()).toString());
                }
                userTurn.append(e.path("delta").asText(""));
            }
            case "session.output_transcript.delta" -> {
                if (interrupted) {
                    log.debug("Live's interrupted answer goes on; dropped");
                    break;
                }
                flushUserTurn(out);
                openResponse(out);
                spoken.append(e.path("delta").asText(""));
                out.add(event("response.output_audio_transcript.delta").put("response_id", responseId)
                        .put("item_id", outputItemId).put("delta", e.path("delta").asText("")).toString());
            }
            case "session.usage.updated" -> closeResponse(out, false);
            case "session.delegation.created" -> {
                // The person's words of a delegated turn come after the call that carries them, so the session
                // knows the turn is delegated when it hears them (the typed turn keeps them in the chat).
                String heard = endUserTurn(out);
                closeResponse(out, true);
                delegation(e.path("delegation"), out);
                if (heard != null) {
                    out.add(heard);
                }
            }
            case "error" -> out.add(liveEventJson);
            default -> log.trace("Live event not translated: {}", e.path("type").asText(""));
        }
        return out;
    }

    // ---- session -> Live ----

    /** One Realtime-shaped client event from the session: what goes to Live, and what is answered here. */
    public synchronized Outgoing outgoing(String sessionEventJson) {
        JsonNode e = parse(sessionEventJson);
        List<String> toLive = new ArrayList<>();
        List<String> toSession = new ArrayList<>();
        if (e == null) {
            return new Outgoing(toLive, toSession, false);
        }
        String type = e.path("type").asText("");
        switch (type) {
            case "session.update" -> {
                JsonNode detection = e.path("session").path("audio").path("input").path("turn_detection");
                requestedTurnDetection = detection.isObject() ? detection.path("type").asText(null) : null;
                if (started) {
                    toSession.add(updated());
                } else {
                    updatePending = true;
                }
            }
            case "input_audio_buffer.commit" -> {
                interrupted = false; // the person's turn is over: what Live says next answers it
                if (!muted) {
                    muted = true;
                    toLive.add(live("session.input_audio.mute").toString());
                }
            }
            case "input_audio_buffer.clear" -> {
                if (responseId != null) {
                    interrupted = true; // a press while she spoke: a barge-in
                }
                closeResponse(toSession, true); // a press: whatever DONNA was saying is over
                if (muted) {
                    muted = false;
                    toLive.add(live("session.input_audio.unmute").toString());
                }
            }
            case "conversation.item.create" -> {
                JsonNode item = e.path("item");
                if ("function_call_output".equals(item.path("type").asText())) {
                    ObjectNode result = live("session.commentary.append");
                    result.put("delegation_id", item.path("call_id").asText());
                    result.put("content", commentary(item.path("output").asText("")));
                    toLive.add(result.toString());
                } else if ("message".equals(item.path("type").asText())) {
                    String text = item.path("content").path(0).path("text").asText("");
                    if (!text.isBlank()) {
                        ObjectNode context = live("session.thinking.append");
                        context.putNull("delegation_id");
                        context.put("content", ("assistant".equals(item.path("role").asText()) ? "Earlier you said: "
                                : "Earlier the person said: ") + clip(text));
                        toLive.add(context.toString());
                    }
                }
            }
            default -> log.trace("Session event with no Live counterpart dropped: {}", type);
        }
        return new Outgoing(toLive, toSession, "input_audio_buffer.commit".equals(type));
    }

    /** How many spoken answers of DONNA's have started on this connection. */
    public synchronized long answers() {
        return answers;
    }

    /** True while Live's interrupted answer is being dropped (until the person's turn is heard or ends). */
    public synchronized boolean interrupted() {
        return interrupted;
    }

    /** What a function output says for Live to speak: the typed turn's reply, or what went wrong. */
    static String commentary(String outputJson) {
        JsonNode output = parse(outputJson);
        String text;
        if (output == null) {
            text = outputJson;
        } else if (output.path("reply").isTextual()) {
            text = output.path("reply").asText();
        } else if (output.path("error").isObject()) {
            text = "That did not work: " + output.path("error").path("message").asText(
                    output.path("error").path("code").asText("the request failed")) + ". Nothing was done.";
        } else {
            text = output.toString();
        }
        return clip(text);
    }

    private void delegation(JsonNode delegation, List<String> out) {
        String id = delegation.path("id").asText(null);
        if (id == null) {
            return;
        }
        String response = "live_resp_" + (++ids);
        ObjectNode created = event("response.created");
        created.putObject("response").put("id", response);
        out.add(created.toString());
        ObjectNode done = event("response.done");
        ObjectNode r = done.putObject("response").put("id", response).put("status", "completed");
        ObjectNode args = JSON.createObjectNode().put("request", lastUserWords);
        r.putArray("output").addObject().put("type", "function_call").put("id", "live_item_" + (++ids))
                .put("call_id", id).put("name", DELEGATION_TOOL).put("arguments", args.toString())
                .put("status", "completed");
        out.add(done.toString());
    }

    private void flushUserTurn(List<String> out) {
        String heard = endUserTurn(out);
        if (heard != null) {
            out.add(heard);
        }
    }

    /**
     * Ends the person's turn: its speech stopped and committed go to {@code out}; its transcript is returned for the
     * caller to place (null when no turn was open).
     */
    private String endUserTurn(List<String> out) {
        if (userTurn == null) {
            return null;
        }
        String words = userTurn.toString().strip();
        userTurn = null;
        lastUserWords = words;
        out.add(event("input_audio_buffer.speech_stopped").put("item_id", userItemId).toString());
        out.add(event("input_audio_buffer.committed").put("item_id", userItemId).toString());
        return event("conversation.item.input_audio_transcription.completed").put("item_id", userItemId)
                .put("content_index", 0).put("transcript", words).toString();
    }

    private void openResponse(List<String> out) {
        if (responseId != null) {
            return;
        }
        responseId = "live_resp_" + (++ids);
        outputItemId = "live_out_" + (++ids);
        answers++;
        spoken.setLength(0);
        ObjectNode created = event("response.created");
        created.putObject("response").put("id", responseId);
        out.add(created.toString());
        out.add(event("response.output_item.added").put("response_id", responseId)
                .set("item", JSON.createObjectNode().put("id", outputItemId).put("type", "message")
                        .put("role", "assistant")).toString());
        out.add(event("output_audio_buffer.started").put("response_id", responseId).toString());
    }

    /** DONNA's answer ended: finished ({@code cut} false) or cut off by the person. */
    private void closeResponse(List<String> out, boolean cut) {
        if (responseId == null) {
            return;
        }
        String id = responseId;
        responseId = null;
        out.add(event("response.output_audio_transcript.done").put("response_id", id).put("item_id", outputItemId)
                .put("transcript", spoken.toString()).toString());
        ObjectNode done = event("response.done");
        done.putObject("response").put("id", id).put("status", cut ? "cancelled" : "completed").putArray("output");
        out.add(done.toString());
        out.add(event(cut ? "output_audio_buffer.cleared" : "output_audio_buffer.stopped").put("response_id", id)
                .toString());
    }

    private String updated() {
        ObjectNode updated = event("session.updated");
        ObjectNode input = updated.putObject("session").putObject("audio").putObject("input");
        if (requestedTurnDetection == null) {
            input.putNull("turn_detection");
        } else {
            input.putObject("turn_detection").put("type", requestedTurnDetection);
        }
        return updated.toString();
    }

    private ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type).put("event_id", "live_evt_" + (++ids));
    }

    private ObjectNode live(String type) {
        return JSON.createObjectNode().put("type", type).put("event_id", "donna_" + (++ids));
    }

    private static String clip(String text) {
        return text.length() <= MAX_COMMENTARY_CHARS ? text : text.substring(0, MAX_COMMENTARY_CHARS - 1) + "…";
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode n = json == null ? null : JSON.readTree(json);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
