package donna.standins.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.voice.Pcm16;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol brain of the fake Realtime API, independent of how events and audio travel: it consumes client
 * events (JSON text) and microphone PCM, and emits server events in the GA order, with audible tone PCM only while
 * "speaking". A WebSocket or a WebRTC peer feeds it; tests can drive it directly, without threads.
 *
 * <p>Audio is PCM16 little-endian mono at 24 kHz in both directions. Time is audio time: how much was heard or
 * pulled, never the wall clock, so a test decides exactly when DONNA has said how much.
 *
 * <p>It records what it received (events, milliseconds of non-silent microphone audio, when) for assertions.
 * Thread-safe: every method locks the conversation, and events go out in order under that lock.
 */
public final class FakeRealtimeConversation implements PeerConversation {
    private static final Logger LOG = LoggerFactory.getLogger(FakeRealtimeConversation.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API refuses to commit less than this. */
    static final long MIN_COMMIT_MS = 100;
    /** The fake's voice activity detector: louder than this is speech (about -40 dBFS). */
    static final double VAD_LEVEL = 0.01;
    private static final long MS_PER_CHARACTER = 55;
    private static final long MIN_ANSWER_MS = 600;
    /** audio_end_ms may exceed what the fake counted by up to a frame or two of clock skew between the peers. */
    private static final long TRUNCATE_SLACK_MS = 40;

    private final String sessionId;
    private final ObjectNode session;
    private final AudioPath path;
    private final RealtimeScript script;
    private final Clock clock;

    private Consumer<String> out = event -> { };
    private Runnable dropHook = () -> { };
    private boolean opened;
    private boolean closed;
    private long ids;

    private long inputBytes;
    private long inputVoiceBytes;
    private long micBytes;
    private long micVoiceBytes;
    private Instant firstVoiceAt;
    private boolean inSpeech;
    private long silentRunBytes;
    private String speechItemId;

    private Speech speech;
    private final List<ConversationItem> items = new ArrayList<>();
    private final List<ReceivedEvent> received = new ArrayList<>();
    private final List<ToolExchange> tools = new ArrayList<>();
    private final List<JsonNode> sent = new ArrayList<>();

    FakeRealtimeConversation(String sessionId, ObjectNode mintedSession, AudioPath path, RealtimeScript script,
            Clock clock) {
        this.sessionId = Objects.requireNonNull(sessionId);
        this.session = mintedSession.deepCopy();
        this.path = Objects.requireNonNull(path);
        this.script = Objects.requireNonNull(script);
        this.clock = Objects.requireNonNull(clock);
        this.session.put("id", sessionId);
    }

    /** A stand-alone brain for unit tests (a default minted session: model {@code gpt-realtime}, server VAD). */
    public static FakeRealtimeConversation standalone(AudioPath path) {
        return new FakeRealtimeConversation("sess_test", MintedSessions.defaults(JSON.createObjectNode()), path,
                new RealtimeScript(), Clock.systemUTC());
    }

    /** The script it answers from (shared by every conversation of a {@link FakeRealtime}). */
    RealtimeScript script() {
        return script;
    }

    /** The next response says this (the script is shared with every conversation of its {@link FakeRealtime}). */
    public FakeRealtimeConversation answerWith(String text) {
        script.answer(new RealtimeScript.Answer(text, null));
        return this;
    }

    /**
     * The next response speaks nothing and calls these functions (two or more: in one response), as the GA API
     * reports a call: the item added, its arguments streamed and done, the item done, then {@code response.done}
     * listing them. The client answers each with a {@code function_call_output} item and asks for a response.
     */
    public FakeRealtimeConversation callTools(ScriptedCall... calls) {
        script.answer(new RealtimeScript.Calls(List.of(calls)));
        return this;
    }

    // ---- the transport side ----

    /** The connection is up: server events go to {@code events} from now on, starting with {@code session.created}. */
    public synchronized void open(Consumer<String> events) {
        this.out = Objects.requireNonNull(events);
        opened = true;
        ObjectNode created = event("session.created");
        created.set("session", session.deepCopy());
        emit(created);
    }

    /** How the transport drops its connection, for {@link #drop()} (fault injection). */
    public synchronized void onDrop(Runnable hook) {
        this.dropHook = Objects.requireNonNull(hook);
    }

    /** Drops the connection now, as a network failure would (the client sees a failure, not a close). */
    public void drop() {
        Runnable hook;
        synchronized (this) {
            hook = dropHook;
        }
        hook.run(); // outside the lock: the transport's thread may be delivering an event right now
        closed();
    }

    /** The connection ended (either side): nothing more is emitted. */
    public synchronized void closed() {
        closed = true;
        speech = null;
        out = event -> { };
        notifyAll();
    }

    /** One client event, as JSON text. Bad events answer an {@code error} event, as the API does. */
    public synchronized void receive(String eventText) {
        JsonNode e;
        try {
            e = JSON.readTree(eventText);
        } catch (IOException ex) {
            e = MissingNode.getInstance();
        }
        String type = e != null && e.isObject() ? e.path("type").asText("") : "";
        received.add(new ReceivedEvent(type, e == null ? MissingNode.getInstance() : e, clock.instant()));
        notifyAll();
        if (e == null || !e.isObject()) {
            error("invalid_json", "The event could not be parsed as a JSON object.", null, null);
            return;
        }
        String clientEventId = text(e, "event_id");
        switch (type) {
            case "session.update" -> updateSession(e, clientEventId);
            case "input_audio_buffer.append" -> append(e, clientEventId);
            case "input_audio_buffer.commit" -> commit(newId("item"), clientEventId);
            case "input_audio_buffer.clear" -> clearInput();
            case "response.create" -> createResponse(clientEventId);
            case "response.cancel" -> cancel(clientEventId);
            case "output_audio_buffer.clear" -> clearOutput(clientEventId);
            case "conversation.item.truncate" -> truncate(e, clientEventId);
            case "conversation.item.create" -> createItem(e, clientEventId);
            default -> error("invalid_value", "Invalid value: '" + type + "'. The event type is not supported.",
                    "type", clientEventId);
        }
    }

    /** Microphone audio (PCM16 24 kHz mono): into the input buffer, through voice detection when it is on. */
    public synchronized void microphone(byte[] pcm) {
        if (closed) {
            return;
        }
        double level = Pcm16.level(pcm);
        boolean voice = level >= Pcm16.SILENCE_LEVEL;
        micBytes += pcm.length;
        inputBytes += pcm.length;
        if (voice) {
            micVoiceBytes += pcm.length;
            inputVoiceBytes += pcm.length;
            if (firstVoiceAt == null) {
                firstVoiceAt = clock.instant();
            }
        }
        notifyAll();
        JsonNode detection = session.path("audio").path("input").path("turn_detection");
        if (detection.isObject()) {
            detectTurns(detection, level >= VAD_LEVEL, pcm.length);
        }
    }

    /**
     * The next {@code bytes} of DONNA's audio. While a response speaks this is tone, and pulling it is what moves
     * the response on (transcript deltas, then the done events). Over {@link AudioPath#EVENTS} the audio also goes
     * out as {@code response.output_audio.delta}; over {@link AudioPath#MEDIA} it is returned for the peer to play,
     * padded with silence to {@code bytes}.
     */
    public synchronized byte[] speak(int bytes) {
        int even = bytes & ~1;
        if (speech == null || closed) {
            return path == AudioPath.MEDIA ? new byte[even] : new byte[0];
        }
        Speech s = speech;
        if (path == AudioPath.MEDIA && !s.bufferStarted) {
            s.bufferStarted = true;
            emit(event("output_audio_buffer.started").put("response_id", s.responseId));
        }
        int n = (int) Math.min(even, s.totalBytes - s.sentBytes);
        byte[] pcm = Tone.chunk(s.sentBytes, n);
        s.sentBytes += n;
        if (path == AudioPath.EVENTS) {
            emit(located(event("response.output_audio.delta"), s).put("delta",
                    Base64.getEncoder().encodeToString(pcm)));
        }
        sendWordsUpTo(s, s.sentBytes);
        if (s.sentBytes >= s.totalBytes) {
            finish(s, "completed", null);
        }
        if (path == AudioPath.MEDIA && n < even) {
            byte[] padded = new byte[even];
            System.arraycopy(pcm, 0, padded, 0, n);
            return padded;
        }
        return pcm;
    }

    /** True while a response is being spoken (there is audio to pull). */
    public synchronized boolean speaking() {
        return speech != null && !closed;
    }

    // ---- what it recorded ----

    public String sessionId() {
        return sessionId;
    }

    public AudioPath audioPath() {
        return path;
    }

    public synchronized boolean isOpen() {
        return opened && !closed;
    }

    /** True once the connection ended (dropped or closed by either side). */
    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized List<ReceivedEvent> received() {
        return List.copyOf(received);
    }

    public synchronized List<String> receivedTypes() {
        return received.stream().map(ReceivedEvent::type).toList();
    }

    /** The server events it emitted, parsed, oldest first. */
    public synchronized List<JsonNode> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<String> sentTypes() {
        return sent.stream().map(n -> n.path("type").asText()).toList();
    }

    /** Milliseconds of microphone audio louder than silence, over the whole connection. */
    public synchronized long voiceMillis() {
        return Pcm16.millis(micVoiceBytes);
    }

    /** Milliseconds of microphone audio of any kind. */
    public synchronized long microphoneMillis() {
        return Pcm16.millis(micBytes);
    }

    /** When the first non-silent microphone audio arrived, or null. */
    public synchronized Instant firstVoiceAt() {
        return firstVoiceAt;
    }

    /** The function calls the model made here, and their outputs as the client sent them, oldest first. */
    public synchronized List<ToolExchange> toolCalls() {
        return List.copyOf(tools);
    }

    /** The conversation as the model remembers it, oldest first. */
    public synchronized List<ConversationItem> items() {
        return List.copyOf(items);
    }

    /** The session's {@code turn_detection.type}, or null when it is off (push-to-talk). */
    public synchronized String turnDetection() {
        return text(session.path("audio").path("input").path("turn_detection"), "type");
    }

    /** The effective session configuration (what {@code session.updated} shows). */
    public synchronized JsonNode session() {
        return session.deepCopy();
    }

    /** Waits until a received event matches, and returns the first that does. */
    public ReceivedEvent awaitReceived(String type, Duration timeout) {
        return awaitReceived(e -> e.type().equals(type), "a " + type + " event", timeout);
    }

    public synchronized ReceivedEvent awaitReceived(Predicate<ReceivedEvent> match, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ReceivedEvent e : received) {
                if (match.test(e)) {
                    return e;
                }
            }
            awaitChange(deadline, what);
        }
    }

    /** Waits until at least {@code millis} of non-silent microphone audio arrived. */
    public synchronized void awaitVoice(long millis, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Pcm16.millis(micVoiceBytes) < millis) {
            awaitChange(deadline, millis + " ms of voice (had " + Pcm16.millis(micVoiceBytes) + ")");
        }
    }

    private void awaitChange(long deadline, String what) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError("timed out waiting for " + what + "; received " + receivedTypes());
        }
        try {
            wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    // ---- client events ----

    private void updateSession(JsonNode e, String clientEventId) {
        JsonNode update = e.path("session");
        if (!"realtime".equals(text(update, "type"))) {
            error("missing_required_parameter", "Missing required parameter: 'session.type'.", "session.type",
                    clientEventId);
            return;
        }
        if (update.has("instructions")) {
            session.put("instructions", update.path("instructions").asText(""));
        }
        JsonNode input = update.path("audio").path("input");
        ObjectNode effectiveInput = (ObjectNode) session.path("audio").path("input");
        if (input.has("turn_detection")) {
            JsonNode detection = input.get("turn_detection");
            if (detection.isNull()) {
                effectiveInput.putNull("turn_detection");
            } else {
                String kind = text(detection, "type");
                if (!"server_vad".equals(kind) && !"semantic_vad".equals(kind)) {
                    error("invalid_value", "Invalid value: '" + kind + "'. Supported values are: 'server_vad' and "
                            + "'semantic_vad'.", "session.audio.input.turn_detection.type", clientEventId);
                    return;
                }
                effectiveInput.set("turn_detection", MintedSessions.turnDetection(detection));
            }
        }
        if (input.has("transcription")) {
            effectiveInput.set("transcription", input.get("transcription"));
        }
        // As the API: the voice can change until the model has spoken; tools and tool choice at any time.
        JsonNode voice = update.path("audio").path("output").path("voice");
        if (voice.isTextual()) {
            ((ObjectNode) session.path("audio").path("output")).put("voice", voice.asText());
        }
        if (update.path("tools").isArray()) {
            session.set("tools", update.get("tools").deepCopy());
        }
        if (update.path("tool_choice").isTextual()) {
            session.put("tool_choice", update.get("tool_choice").asText());
        }
        ObjectNode updated = event("session.updated");
        updated.set("session", session.deepCopy());
        emit(updated);
    }

    private void append(JsonNode e, String clientEventId) {
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(e.path("audio").asText(""));
        } catch (IllegalArgumentException ex) {
            error("invalid_value", "Invalid 'audio'. Expected base64-encoded audio bytes.", "audio", clientEventId);
            return;
        }
        microphone(pcm);
    }

    private void commit(String itemId, String clientEventId) {
        long ms = Pcm16.millis(inputBytes);
        if (ms < MIN_COMMIT_MS) {
            error("input_audio_buffer_commit_empty", String.format(Locale.ROOT, "Error committing input audio "
                    + "buffer: buffer too small. Expected at least %dms of audio, but buffer only has %.2fms of "
                    + "audio.", MIN_COMMIT_MS, (double) ms), null, clientEventId);
            return;
        }
        long voiceMs = Pcm16.millis(inputVoiceBytes);
        inputBytes = 0;
        inputVoiceBytes = 0;
        String previous = items.isEmpty() ? null : items.getLast().id();
        ObjectNode committed = event("input_audio_buffer.committed").put("item_id", itemId);
        committed.put("previous_item_id", previous);
        emit(committed);
        ObjectNode added = event("conversation.item.added");
        added.put("previous_item_id", previous);
        ObjectNode item = added.putObject("item").put("id", itemId).put("type", "message").put("role", "user")
                .put("status", "completed");
        item.putArray("content").addObject().put("type", "input_audio").putNull("transcript");
        emit(added);
        String scripted = script.nextHeard();
        String transcript = scripted != null ? scripted
                : voiceMs < MIN_COMMIT_MS ? ""
                : String.format(Locale.ROOT, "I spoke for %.1f seconds.", voiceMs / 1000.0);
        items.add(new ConversationItem(itemId, "user", transcript, false, voiceMs, -1));
        emit(event("conversation.item.input_audio_transcription.completed").put("item_id", itemId)
                .put("content_index", 0).put("transcript", transcript));
    }

    private void clearInput() {
        inputBytes = 0;
        inputVoiceBytes = 0;
        emit(event("input_audio_buffer.cleared"));
    }

    private void createResponse(String clientEventId) {
        if (speech != null) {
            error("conversation_already_has_active_response", "Conversation already has an active response in "
                    + "progress: " + speech.responseId + ". Wait until the response is finished before creating a "
                    + "new one.", null, clientEventId);
            return;
        }
        RealtimeScript.Next next = script.nextAnswer();
        if (next == null && script.demoActs() && freshUserTurn() && DemoVoice.offered(session)) {
            next = new RealtimeScript.Calls(List.of(new ScriptedCall(DemoVoice.TOOL, "{}")));
        }
        if (next instanceof RealtimeScript.Calls calls) {
            callFunctions(calls.calls());
            return;
        }
        RealtimeScript.Answer scripted = (RealtimeScript.Answer) next;
        String text = scripted != null ? scripted.text() : defaultAnswer();
        long ms = scripted != null && scripted.audio() != null ? scripted.audio().toMillis()
                : Math.max(MIN_ANSWER_MS, text.length() * MS_PER_CHARACTER);
        Speech s = new Speech(newId("resp"), newId("item"), text, ms * Tone.BYTES_PER_MS);
        speech = s;
        String previous = items.isEmpty() ? null : items.getLast().id();
        items.add(new ConversationItem(s.itemId, "assistant", text, false, ms, -1));
        ObjectNode created = event("response.created");
        created.putObject("response").put("object", "realtime.response").put("id", s.responseId)
                .put("status", "in_progress").putArray("output");
        emit(created);
        ObjectNode added = event("response.output_item.added").put("response_id", s.responseId)
                .put("output_index", 0);
        added.putObject("item").put("id", s.itemId).put("type", "message").put("role", "assistant")
                .put("status", "in_progress").putArray("content");
        emit(added);
        ObjectNode itemAdded = event("conversation.item.added");
        itemAdded.put("previous_item_id", previous);
        itemAdded.set("item", added.get("item").deepCopy());
        emit(itemAdded);
        ObjectNode part = located(event("response.content_part.added"), s);
        part.putObject("part").put("type", "output_audio").put("transcript", "");
        emit(part);
    }

    /** A response that only calls functions: it is generated (and done) at once, with no audio. */
    private void callFunctions(List<ScriptedCall> calls) {
        String responseId = newId("resp");
        ObjectNode created = event("response.created");
        created.putObject("response").put("object", "realtime.response").put("id", responseId)
                .put("status", "in_progress").putArray("output");
        emit(created);
        List<ObjectNode> output = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ScriptedCall call = calls.get(i);
            String itemId = newId("item");
            String callId = newId("call");
            String previous = items.isEmpty() ? null : items.getLast().id();
            ObjectNode item = JSON.createObjectNode().put("id", itemId).put("object", "realtime.item")
                    .put("type", "function_call").put("status", "in_progress").put("name", call.name())
                    .put("call_id", callId).put("arguments", "");
            emit(event("response.output_item.added").put("response_id", responseId).put("output_index", i)
                    .set("item", item.deepCopy()));
            ObjectNode added = event("conversation.item.added");
            added.put("previous_item_id", previous);
            added.set("item", item.deepCopy());
            emit(added);
            emit(event("response.function_call_arguments.delta").put("response_id", responseId)
                    .put("item_id", itemId).put("output_index", i).put("call_id", callId)
                    .put("delta", call.argumentsJson()));
            emit(event("response.function_call_arguments.done").put("response_id", responseId)
                    .put("item_id", itemId).put("output_index", i).put("call_id", callId).put("name", call.name())
                    .put("arguments", call.argumentsJson()));
            item.put("status", "completed").put("arguments", call.argumentsJson());
            emit(event("response.output_item.done").put("response_id", responseId).put("output_index", i)
                    .set("item", item.deepCopy()));
            emit(event("conversation.item.done").set("item", item.deepCopy()));
            items.add(new ConversationItem(itemId, "function_call", call.name() + " " + call.argumentsJson(), false,
                    0, -1));
            tools.add(new ToolExchange(itemId, responseId, callId, call.name(), call.argumentsJson(), null));
            output.add(item);
        }
        ObjectNode done = event("response.done");
        ObjectNode response = done.putObject("response").put("object", "realtime.response").put("id", responseId)
                .put("status", "completed");
        response.putNull("status_details");
        output.forEach(response.putArray("output")::add);
        emit(done);
    }

    /** A {@code function_call_output} item: it must answer a call the model made, with text. */
    private void createFunctionOutput(JsonNode item, String clientEventId) {
        String callId = text(item, "call_id");
        JsonNode output = item.get("output");
        int index = -1;
        for (int i = 0; i < tools.size(); i++) {
            if (tools.get(i).callId().equals(callId)) {
                index = i;
            }
        }
        if (index < 0) {
            error("invalid_value", "No function call with call_id '" + callId + "' in this conversation.",
                    "item.call_id", clientEventId);
            return;
        }
        if (output == null || !output.isTextual()) {
            error("invalid_type", "Invalid type for 'item.output': expected a string.", "item.output",
                    clientEventId);
            return;
        }
        tools.set(index, tools.get(index).answered(output.asText()));
        String id = text(item, "id") != null ? text(item, "id") : newId("item");
        String previous = items.isEmpty() ? null : items.getLast().id();
        items.add(new ConversationItem(id, "function_call_output", output.asText(), false, 0, -1));
        ObjectNode added = event("conversation.item.added");
        added.put("previous_item_id", previous);
        ObjectNode echoed = added.putObject("item").put("id", id).put("type", "function_call_output")
                .put("call_id", callId).put("output", output.asText()).put("status", "completed");
        emit(added);
        ObjectNode done = event("conversation.item.done");
        done.set("item", echoed.deepCopy());
        emit(done);
    }

    private boolean freshUserTurn() {
        ConversationItem last = items.isEmpty() ? null : items.getLast();
        return last != null && "user".equals(last.role()) && !last.restored();
    }

    /** Says what it heard in the turn just committed, and how much earlier conversation it remembers. */
    private String defaultAnswer() {
        ConversationItem last = items.isEmpty() ? null : items.getLast();
        if (last != null && "function_call_output".equals(last.role()) && script.demoActs()) {
            return DemoVoice.say(last.text());
        }
        if (last != null && "function_call_output".equals(last.role())) {
            long answered = tools.stream().filter(t -> t.output() != null).count();
            return "This is DONNA's demo voice. I have the results of " + answered
                    + (answered == 1 ? " tool." : " tools.");
        }
        boolean fresh = last != null && "user".equals(last.role()) && !last.restored();
        String heard = fresh ? last.text() : "";
        long earlier = items.size() - (fresh ? 1 : 0);
        return "This is DONNA's demo voice." + (heard.isEmpty() ? "" : " You said: " + heard)
                + (earlier > 0 ? " I remember " + earlier + " earlier messages." : "");
    }

    private void cancel(String clientEventId) {
        if (speech == null) {
            error("response_cancel_not_active", "Cancellation failed: no active response found.", null,
                    clientEventId);
            return;
        }
        finish(speech, "cancelled", "client_cancelled");
    }

    private void clearOutput(String clientEventId) {
        if (path != AudioPath.MEDIA) {
            error("invalid_value", "output_audio_buffer.clear is only supported for WebRTC connections.", "type",
                    clientEventId);
            return;
        }
        String responseId = speech == null ? null : speech.responseId;
        if (speech != null) {
            finish(speech, "cancelled", "client_cancelled");
        }
        emit(event("output_audio_buffer.cleared").put("response_id", responseId));
    }

    private void truncate(JsonNode e, String clientEventId) {
        String itemId = text(e, "item_id");
        int index = -1;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(itemId)) {
                index = i;
            }
        }
        if (index < 0) {
            error("invalid_value", "Item with item_id '" + itemId + "' not found.", "item_id", clientEventId);
            return;
        }
        ConversationItem item = items.get(index);
        long end = e.path("audio_end_ms").asLong(-1);
        long spoken = speech != null && speech.itemId.equals(itemId) ? Pcm16.millis(speech.sentBytes)
                : item.audioMillis();
        if (!"assistant".equals(item.role())) {
            error("invalid_value", "Only assistant messages with audio can be truncated.", "item_id", clientEventId);
        } else if (end <= 0) {
            error("invalid_value", "Invalid 'audio_end_ms': must be greater than 0.", "audio_end_ms", clientEventId);
        } else if (end > spoken + TRUNCATE_SLACK_MS) {
            error("invalid_value", "Audio content of " + spoken + "ms is shorter than " + end + "ms.",
                    "audio_end_ms", clientEventId);
        } else {
            if (speech != null && speech.itemId.equals(itemId)) {
                finish(speech, "cancelled", "client_cancelled");
                item = items.get(index);
            }
            items.set(index, item.truncated(end));
            emit(event("conversation.item.truncated").put("item_id", itemId)
                    .put("content_index", e.path("content_index").asInt(0)).put("audio_end_ms", end));
        }
    }

    private void createItem(JsonNode e, String clientEventId) {
        JsonNode item = e.path("item");
        if ("function_call_output".equals(text(item, "type"))) {
            createFunctionOutput(item, clientEventId);
            return;
        }
        String role = text(item, "role");
        if (!"message".equals(text(item, "type")) || role == null) {
            error("invalid_value", "Only message items with a role are supported by this fake.", "item.type",
                    clientEventId);
            return;
        }
        StringBuilder textOf = new StringBuilder();
        for (JsonNode part : item.path("content")) {
            String type = text(part, "type");
            boolean fits = "assistant".equals(role) ? "output_text".equals(type) : "input_text".equals(type);
            if (!fits) {
                error("invalid_value", "Invalid value: '" + type + "'. A " + role + " message takes "
                        + ("assistant".equals(role) ? "'output_text'" : "'input_text'") + " content.",
                        "item.content.type", clientEventId);
                return;
            }
            textOf.append(part.path("text").asText(""));
        }
        String id = text(item, "id") != null ? text(item, "id") : newId("item");
        String previous = items.isEmpty() ? null : items.getLast().id();
        items.add(new ConversationItem(id, role, textOf.toString(), true, 0, -1));
        ObjectNode added = event("conversation.item.added");
        added.put("previous_item_id", previous);
        ObjectNode echoed = added.putObject("item").put("id", id).put("type", "message").put("role", role)
                .put("status", "completed");
        echoed.set("content", item.path("content").deepCopy());
        emit(added);
        ObjectNode done = event("conversation.item.done");
        done.set("item", echoed.deepCopy());
        emit(done);
    }

    // ---- voice activity detection (hands-free) ----

    private void detectTurns(JsonNode detection, boolean loud, int bytes) {
        long silenceMs = detection.path("silence_duration_ms").asLong(500);
        if (loud) {
            silentRunBytes = 0;
            if (!inSpeech) {
                inSpeech = true;
                speechItemId = newId("item");
                emit(event("input_audio_buffer.speech_started").put("item_id", speechItemId)
                        .put("audio_start_ms", Pcm16.millis(micBytes - bytes)));
                if (speech != null && detection.path("interrupt_response").asBoolean(true)) {
                    finish(speech, "cancelled", "turn_detected");
                }
            }
            return;
        }
        if (!inSpeech) {
            return;
        }
        silentRunBytes += bytes;
        if (Pcm16.millis(silentRunBytes) >= silenceMs) {
            inSpeech = false;
            emit(event("input_audio_buffer.speech_stopped").put("item_id", speechItemId)
                    .put("audio_end_ms", Pcm16.millis(micBytes)));
            commit(speechItemId, null);
            if (detection.path("create_response").asBoolean(true)) {
                createResponse(null);
            }
        }
    }

    // ---- speaking ----

    /** Sends the transcript words whose share of the audio has been reached. */
    private void sendWordsUpTo(Speech s, long sentBytes) {
        while (s.wordsSent < s.words.size()
                && (s.wordsSent + 1) * s.totalBytes <= (long) s.words.size() * sentBytes) {
            emit(located(event("response.output_audio_transcript.delta"), s).put("delta",
                    s.words.get(s.wordsSent++)));
        }
    }

    private void finish(Speech s, String status, String reason) {
        if (speech != s) {
            return;
        }
        speech = null;
        String spoken = String.join("", s.words.subList(0, s.wordsSent)).strip();
        long spokenMs = Pcm16.millis(s.sentBytes);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(s.itemId)) {
                items.set(i, items.get(i).withAudio("completed".equals(status) ? s.text : spoken, spokenMs));
            }
        }
        emit(located(event("response.output_audio.done"), s));
        emit(located(event("response.output_audio_transcript.done"), s).put("transcript",
                "completed".equals(status) ? s.text : spoken));
        ObjectNode partDone = located(event("response.content_part.done"), s);
        partDone.putObject("part").put("type", "output_audio").put("transcript", spoken);
        emit(partDone);
        ObjectNode itemDone = event("response.output_item.done").put("response_id", s.responseId)
                .put("output_index", 0);
        itemDone.putObject("item").put("id", s.itemId).put("type", "message").put("role", "assistant")
                .put("status", "completed".equals(status) ? "completed" : "incomplete");
        emit(itemDone);
        ObjectNode done = event("response.done");
        ObjectNode response = done.putObject("response").put("object", "realtime.response").put("id", s.responseId)
                .put("status", status);
        if (reason == null) {
            response.putNull("status_details");
        } else {
            response.putObject("status_details").put("type", status).put("reason", reason);
        }
        emit(done);
        if (path == AudioPath.MEDIA && s.bufferStarted) {
            emit(event("output_audio_buffer.stopped").put("response_id", s.responseId));
        }
    }

    // ---- plumbing ----

    private ObjectNode located(ObjectNode event, Speech s) {
        return event.put("response_id", s.responseId).put("item_id", s.itemId).put("output_index", 0)
                .put("content_index", 0);
    }

    private ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type).put("event_id", newId("event"));
    }

    private void error(String code, String message, String param, String clientEventId) {
        ObjectNode e = event("error");
        ObjectNode error = e.putObject("error").put("type", "invalid_request_error").put("code", code)
                .put("message", message);
        error.put("param", param);
        error.put("event_id", clientEventId);
        LOG.debug("fake realtime answered error {}: {}", code, message);
        emit(e);
    }

    private void emit(ObjectNode event) {
        if (closed) {
            return;
        }
        sent.add(event);
        out.accept(event.toString());
        notifyAll();
    }

    private String newId(String prefix) {
        return prefix + "_" + sessionId.substring(Math.max(0, sessionId.length() - 6)) + Long.toString(++ids, 36);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** One response being spoken: its words go out as the audio is pulled. */
    private static final class Speech {
        final String responseId;
        final String itemId;
        final String text;
        final List<String> words;
        final long totalBytes;
        long sentBytes;
        int wordsSent;
        boolean bufferStarted;

        Speech(String responseId, String itemId, String text, long totalBytes) {
            this.responseId = responseId;
            this.itemId = itemId;
            this.text = text;
            this.words = words(text);
            this.totalBytes = totalBytes;
        }

        /** Each word with the whitespace after it, as transcript deltas come. */
        static List<String> words(String text) {
            List<String> pieces = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= text.length(); i++) {
                boolean boundary = i == text.length()
                        || (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i)));
                if (boundary) {
                    pieces.add(text.substring(start, i));
                    start = i;
                }
            }
            return pieces;
        }
    }
}
