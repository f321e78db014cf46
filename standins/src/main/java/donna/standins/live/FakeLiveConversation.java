package donna.standins.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.voice.Pcm16;
import donna.standins.realtime.PeerConversation;
import donna.standins.realtime.ReceivedEvent;
import donna.standins.realtime.Tone;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The protocol brain of the fake GPT-Live session, independent of the WebRTC peer that carries it: client events
 * (JSON text) and microphone PCM in, Live's server events and the fake's tone out.
 *
 * <p>What it does, from the documentation: on the data channel opening it sends {@code session.started} with the
 * resolved session; it takes turns itself (a turn ends after 500 ms of silence following speech, or when the client
 * mutes its input with {@code session.input_audio.mute}); it reports the user's words as
 * {@code session.input_transcript.delta} and its own as {@code session.output_transcript.delta} (Live sends no
 * "done" events), each with {@code start_ms}/{@code end_ms} on the session timeline. With client delegation it
 * hands a turn to the application as {@code session.delegation.created} (metadata only, no task text) and waits for
 * the result as {@code session.commentary.append} (speakable) or {@code session.thinking.append} (silent) with that
 * {@code delegation_id}. Speech that starts while it talks interrupts it. Unknown or malformed events answer an
 * {@code error} event naming the client's {@code event_id}.
 *
 * <p>The fake's own choice where the documentation is silent: after each spoken answer it sends
 * {@code session.usage.updated}, which clients of this fake may take as the end of the answer.
 *
 * <p>Audio is PCM16 little-endian mono at 24 kHz. Time is audio time. Thread-safe.
 */
public final class FakeLiveConversation implements PeerConversation {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final double VAD_LEVEL = 0.01;
    static final long END_OF_TURN_SILENCE_MS = 500;
    private static final long MIN_TURN_MS = 100;
    private static final long MS_PER_CHARACTER = 55;
    private static final long MIN_ANSWER_MS = 600;

    private final String sessionId;
    private final ObjectNode session;
    private final LiveScript script;
    private final Clock clock;

    private Consumer<String> out = e -> { };
    private Runnable dropHook = () -> { };
    private boolean opened;
    private boolean closed;
    private boolean muted;
    private long ids;

    private long timelineBytes;
    private long micVoiceBytes;
    private long turnVoiceBytes;
    private long turnStartBytes = -1;
    private long silenceBytes;

    private Speech speech;
    private final Map<String, Boolean> delegations = new LinkedHashMap<>();
    private final List<ReceivedEvent> received = new ArrayList<>();
    private final List<JsonNode> sent = new ArrayList<>();
    private final List<String> userTurns = new ArrayList<>();

    FakeLiveConversation(String sessionId, ObjectNode session, LiveScript script, Clock clock) {
        this.sessionId = Objects.requireNonNull(sessionId);
        this.session = session.deepCopy();
        this.script = Objects.requireNonNull(script);
        this.clock = Objects.requireNonNull(clock);
        this.session.put("id", sessionId);
    }

    /** A stand-alone brain for unit tests: model {@code gpt-live-1}, client delegation. */
    public static FakeLiveConversation standalone() {
        ObjectNode s = JSON.createObjectNode().put("model", "gpt-live-1");
        s.putObject("delegation").put("type", "client");
        return new FakeLiveConversation("live_test", s, new LiveScript(), Clock.systemUTC());
    }

    // ---- scripting (shared with every conversation of the same FakeLive) ----

    public FakeLiveConversation hear(String transcript) {
        script.hear(transcript);
        return this;
    }

    public FakeLiveConversation answer(String text) {
        script.add(new LiveScript.Answer(text, null));
        return this;
    }

    public FakeLiveConversation delegate() {
        script.add(new LiveScript.Delegate());
        return this;
    }

    // ---- the transport side ----

    @Override
    public synchronized void open(Consumer<String> events) {
        out = Objects.requireNonNull(events);
        opened = true;
        ObjectNode started = event("session.started");
        started.set("session", session.deepCopy());
        emit(started);
    }

    @Override
    public synchronized void onDrop(Runnable hook) {
        dropHook = Objects.requireNonNull(hook);
    }

    /** Drops the connection now, as a network failure would. */
    public void drop() {
        Runnable hook;
        synchronized (this) {
            hook = dropHook;
        }
        hook.run();
        closed();
    }

    @Override
    public synchronized void closed() {
        closed = true;
        speech = null;
        out = e -> { };
        notifyAll();
    }

    @Override
    public synchronized void receive(String eventText) {
        JsonNode e;
        try {
            e = JSON.readTree(eventText);
        } catch (IOException ex) {
            e = MissingNode.getInstance();
        }
        boolean object = e != null && e.isObject();
        String type = object ? e.path("type").asText("") : "";
        received.add(new ReceivedEvent(type, object ? e : MissingNode.getInstance(), clock.instant()));
        notifyAll();
        if (!object) {
            error("invalid_json", "The event could not be parsed as a JSON object.", null, null);
            return;
        }
        String clientEventId = e.path("event_id").isTextual() ? e.path("event_id").asText() : null;
        switch (type) {
            case "session.update" -> update(e, clientEventId);
            case "session.commentary.append" -> append(e, clientEventId, true);
            case "session.thinking.append" -> append(e, clientEventId, false);
            case "session.instructions.append" -> instructions(e, clientEventId);
            case "session.input_audio.mute" -> mute(true, clientEventId);
            case "session.input_audio.unmute" -> mute(false, clientEventId);
            default -> error("invalid_value", "Invalid value: '" + type + "'. The event type is not supported.",
                    "type", clientEventId);
        }
    }

    @Override
    public synchronized void microphone(byte[] pcm) {
        if (closed || !opened) {
            return;
        }
        timelineBytes += pcm.length;
        if (muted) {
            return; // muted input is not heard
        }
        boolean voice = Pcm16.level(pcm) >= VAD_LEVEL;
        if (voice) {
            micVoiceBytes += pcm.length;
            notifyAll();
            if (turnStartBytes < 0) {
                turnStartBytes = timelineBytes - pcm.length;
                if (speech != null) {
                    speech = null; // the person talks over it: Live stops and listens
                }
            }
            turnVoiceBytes += pcm.length;
            silenceBytes = 0;
        } else if (turnStartBytes >= 0) {
            silenceBytes += pcm.length;
            if (Pcm16.millis(silenceBytes) >= END_OF_TURN_SILENCE_MS) {
                endTurn();
            }
        }
    }

    @Override
    public synchronized byte[] speak(int bytes) {
        int even = bytes & ~1;
        if (speech == null || closed) {
            return new byte[even];
        }
        Speech s = speech;
        int n = (int) Math.min(even, s.totalBytes - s.sentBytes);
        byte[] pcm = Tone.chunk(s.sentBytes, n);
        s.sentBytes += n;
        sendWordsUpTo(s);
        if (s.sentBytes >= s.totalBytes) {
            speech = null;
            ObjectNode usage = event("session.usage.updated");
            usage.putObject("usage").put("output_audio_ms", Pcm16.millis(s.totalBytes));
            emit(usage);
        }
        byte[] padded = new byte[even];
        System.arraycopy(pcm, 0, padded, 0, n);
        return padded;
    }

    @Override
    public synchronized boolean speaking() {
        return speech != null && !closed;
    }

    // ---- recorded ----

    public String sessionId() {
        return sessionId;
    }

    public synchronized JsonNode session() {
        return session.deepCopy();
    }

    public synchronized boolean isOpen() {
        return opened && !closed;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized List<ReceivedEvent> received() {
        return List.copyOf(received);
    }

    public synchronized List<String> receivedTypes() {
        return received.stream().map(ReceivedEvent::type).toList();
    }

    public synchronized List<JsonNode> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<String> sentTypes() {
        return sent.stream().map(n -> n.path("type").asText()).toList();
    }

    /** The transcripts of the user's turns it heard, oldest first. */
    public synchronized List<String> userTurns() {
        return List.copyOf(userTurns);
    }

    /** Milliseconds of microphone audio louder than silence, over the whole session. */
    public synchronized long voiceMillis() {
        return Pcm16.millis(micVoiceBytes);
    }

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

    /** Waits until it sent an event of this type, and returns the first. */
    public synchronized JsonNode awaitSent(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonNode e : sent) {
                if (type.equals(e.path("type").asText())) {
                    return e;
                }
            }
            awaitChange(deadline, "a sent " + type + " event");
        }
    }

    public synchronized void awaitVoice(long millis, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Pcm16.millis(micVoiceBytes) < millis) {
            awaitChange(deadline, millis + " ms of voice (had " + Pcm16.millis(micVoiceBytes) + ")");
        }
    }

    // ---- the protocol ----

    private void update(JsonNode e, String clientEventId) {
        JsonNode change = e.path("session");
        if (!change.isObject()) {
            error("missing_required_parameter", "Missing required parameter: 'session'.", "session", clientEventId);
            return;
        }
        for (String immutable : List.of("model", "instructions", "audio", "input", "store", "client")) {
            if (change.has(immutable)) {
                error("invalid_value", "'session." + immutable + "' cannot change during a session.",
                        "session." + immutable, clientEventId);
                return;
            }
        }
        if (change.has("delegation")) {
            LiveSessionConfig.Problem p = LiveSessionConfig.checkDelegation(change.get("delegation"),
                    "session.delegation");
            if (p != null) {
                error(p.code(), p.message(), p.param(), clientEventId);
                return;
            }
            String was = session.path("delegation").path("type").asText("client");
            String now = change.get("delegation").path("type").asText("client");
            if (!was.equals(now)) {
                error("invalid_value", "The delegation type cannot change during a session.",
                        "session.delegation.type", clientEventId);
                return;
            }
            session.set("delegation", change.get("delegation").deepCopy());
        }
        ObjectNode updated = event("session.updated");
        updated.put("client_event_id", clientEventId);
        updated.set("session", session.deepCopy());
        emit(updated);
    }

    private void append(JsonNode e, String clientEventId, boolean speakable) {
        String kind = speakable ? "session.commentary" : "session.thinking";
        if (!e.has("delegation_id")) {
            error("missing_required_parameter", "Missing required parameter: 'delegation_id' (null for general "
                    + "context).", "delegation_id", clientEventId);
            return;
        }
        if (!e.path("content").isTextual() || e.path("content").asText().isBlank()) {
            error("missing_required_parameter", "Missing required parameter: 'content'.", "content", clientEventId);
            return;
        }
        String content = e.path("content").asText();
        JsonNode id = e.get("delegation_id");
        if (!id.isNull() && !delegations.containsKey(id.asText())) {
            error("invalid_value", "Unknown delegation_id '" + id.asText() + "'.", "delegation_id", clientEventId);
            return;
        }
        ObjectNode ack = event(kind + ".appended");
        ack.put("client_event_id", clientEventId);
        ack.set("delegation_id", id.deepCopy());
        ack.put("content", content);
        long now = timelineMs();
        ack.put("start_ms", now).put("end_ms", now);
        emit(ack);
        if (speakable && !id.isNull() && Boolean.TRUE.equals(delegations.get(id.asText()))) {
            delegations.put(id.asText(), false);
            LiveScript.Answer scripted = script.nextAnswer();
            startSpeech(scripted != null ? scripted.text() : content, scripted == null ? null : scripted.audio());
        }
    }

    private void instructions(JsonNode e, String clientEventId) {
        if (!e.path("content").isTextual()) {
            error("missing_required_parameter", "Missing required parameter: 'content'.", "content", clientEventId);
            return;
        }
        ObjectNode ack = event("session.instructions.appended");
        ack.put("client_event_id", clientEventId).put("content", e.path("content").asText());
        emit(ack);
    }

    private void mute(boolean on, String clientEventId) {
        muted = on;
        ObjectNode ack = event(on ? "session.input_audio.muted" : "session.input_audio.unmuted");
        ack.put("client_event_id", clientEventId);
        emit(ack);
        if (on && turnStartBytes >= 0) {
            endTurn(); // push-to-talk released: the turn is over now
        }
    }

    private void endTurn() {
        long startBytes = turnStartBytes;
        long voiced = turnVoiceBytes;
        turnStartBytes = -1;
        turnVoiceBytes = 0;
        silenceBytes = 0;
        if (Pcm16.millis(voiced) < MIN_TURN_MS) {
            return;
        }
        String heard = script.nextHeard();
        String transcript = heard != null ? heard : "I spoke for " + Math.max(1, Pcm16.millis(voiced) / 1000)
                + " seconds.";
        userTurns.add(transcript);
        ObjectNode delta = event("session.input_transcript.delta");
        delta.put("delta", transcript).put("start_ms", Pcm16.millis(startBytes)).put("end_ms", timelineMs());
        emit(delta);
        LiveScript.Next next = script.nextTurn();
        if (next instanceof LiveScript.Delegate) {
            delegateTurn();
        } else if (next instanceof LiveScript.Answer a) {
            startSpeech(a.text(), a.audio());
        } else {
            startSpeech("You said: " + transcript, null);
        }
    }

    private void delegateTurn() {
        String type = session.path("delegation").path("type").asText("client");
        if (!"client".equals(type)) {
            startSpeech("I would ask the backend, but this fake only delegates to the client.", null);
            return;
        }
        String id = "del_" + (++ids);
        delegations.put(id, true);
        ObjectNode created = event("session.delegation.created");
        created.put("offset_ms", timelineMs());
        created.putObject("delegation").put("id", id).put("type", "delegation").put("target", "client")
                .put("created_at", clock.instant().getEpochSecond());
        emit(created);
    }

    private void startSpeech(String text, Duration audio) {
        long ms = audio != null ? audio.toMillis() : Math.max(MIN_ANSWER_MS, text.length() * MS_PER_CHARACTER);
        speech = new Speech(text, ms * Tone.BYTES_PER_MS, timelineMs());
    }

    private void sendWordsUpTo(Speech s) {
        int upTo = (int) Math.min(s.text.length(), s.text.length() * s.sentBytes / Math.max(1, s.totalBytes));
        if (s.sentBytes >= s.totalBytes) {
            upTo = s.text.length();
        } else {
            int space = s.text.lastIndexOf(' ', upTo);
            upTo = space <= s.sentChars ? s.sentChars : space + 1;
        }
        if (upTo > s.sentChars) {
            ObjectNode delta = event("session.output_transcript.delta");
            long start = s.startMs + Pcm16.millis((long) s.sentChars * s.totalBytes / Math.max(1, s.text.length()));
            delta.put("delta", s.text.substring(s.sentChars, upTo)).put("start_ms", start)
                    .put("end_ms", s.startMs + Pcm16.millis(s.sentBytes));
            s.sentChars = upTo;
            emit(delta);
        }
    }

    private void error(String code, String message, String param, String clientEventId) {
        ObjectNode e = event("error");
        if (clientEventId != null) {
            e.put("client_event_id", clientEventId);
        }
        ObjectNode err = e.putObject("error").put("type", "invalid_request_error").put("code", code)
                .put("message", message);
        err.put("param", param);
        emit(e);
    }

    private long timelineMs() {
        return Pcm16.millis(timelineBytes);
    }

    private ObjectNode event(String type) {
        return JSON.createObjectNode().put("event_id", "event_" + (++ids)).put("type", type);
    }

    private void emit(ObjectNode event) {
        sent.add(event);
        notifyAll();
        out.accept(event.toString());
    }

    private void awaitChange(long deadline, String what) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError("timed out waiting for " + what + "; received " + receivedTypes() + ", sent "
                    + sentTypes());
        }
        try {
            wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    private static final class Speech {
        final String text;
        final long totalBytes;
        final long startMs;
        long sentBytes;
        int sentChars;

        Speech(String text, long totalBytes, long startMs) {
            this.text = text;
            this.totalBytes = totalBytes;
            this.startMs = startMs;
        }
    }
}
