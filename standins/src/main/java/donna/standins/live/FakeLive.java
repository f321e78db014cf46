package donna.standins.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.standins.realtime.WebRtcPeer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPT-Live part of the fake OpenAI ({@code FakeOpenAi.live()}): {@code POST /v1/live/sessions} with a project
 * key and {@code {"session":{...},"transport":{"type":"webrtc","sdp":"<offer>"}}} answers
 * {@code {"session":{"id":"live_..."},"transport":{"type":"webrtc","sdp":"<answer>"}}} from a real WebRTC peer (the
 * same one the fake Realtime calls use), and runs one {@link FakeLiveConversation} per session.
 *
 * <p>Refusals, in OpenAI's error shape {@code {"error":{"message","type","param","code"}}}: no key 401
 * {@code missing_api_key}; a client secret ({@code ek_...}: Live takes none) or a key other than the project key
 * 401 {@code invalid_api_key}; an account without Live ({@link #denyAccess()}) 403 {@code live_access_denied}; a
 * session config with a field it does not know 400 {@code unknown_parameter} naming the field (the documented
 * strict config), and the other validation errors 400. The documentation names no error code for "no access": the
 * 403 and its code are this fake's choice, and DONNA treats any 403 from this route as "no Live access".
 *
 * <pre>{@code
 * FakeLive live = openai.live().projectKey("sk-test").peer(new WebRtcPeer());
 * live.hear("Summarise my inbox").delegate().answer("You have two new mails.");
 * }</pre>
 */
public final class FakeLive implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeLive.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LiveScript script = new LiveScript();
    private final List<FakeLiveConversation> conversations = new ArrayList<>();
    private final List<JsonNode> requests = new ArrayList<>();
    private volatile LivePeer peer;
    private volatile String projectKey;
    private volatile boolean denied;
    private volatile Clock clock = Clock.systemUTC();

    // ---- set-up and scripting ----

    /** Only this key creates sessions (by default any key that is not a client secret). */
    public FakeLive projectKey(String key) {
        this.projectKey = key;
        return this;
    }

    /** The WebRTC peer that answers the offers; without one the fake answers 501. */
    public FakeLive peer(WebRtcPeer webRtcPeer) {
        return peer(webRtcPeer::answerFor);
    }

    /** Any peer (a canned answer for tests of the HTTP edge alone). */
    public FakeLive peer(LivePeer livePeer) {
        this.peer = livePeer;
        return this;
    }

    /** The account has no GPT-Live access: every create answers 403. */
    public FakeLive denyAccess() {
        this.denied = true;
        return this;
    }

    public FakeLive allowAccess() {
        this.denied = false;
        return this;
    }

    public FakeLive clock(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    /** The next user turn is transcribed as this (default "I spoke for N seconds."). */
    public FakeLive hear(String transcript) {
        script.hear(transcript);
        return this;
    }

    /** The next turn (or the next delegation's result) is answered with this. */
    public FakeLive answer(String text) {
        script.add(new LiveScript.Answer(text, null));
        return this;
    }

    public FakeLive answer(String text, Duration audio) {
        script.add(new LiveScript.Answer(text, audio));
        return this;
    }

    /**
     * The next turn is handed to the application ({@code session.delegation.created}); when its commentary result
     * arrives the fake speaks a scripted {@link #answer} queued right after, or else the result itself.
     */
    public FakeLive delegate() {
        script.add(new LiveScript.Delegate());
        return this;
    }

    // ---- faults ----

    /**
     * Every open session's connection drops now, as a network failure would: the peer connection closes abruptly
     * (no goodbye on the data channel), so the client sees its channel fail. The documentation has Live end a session
     * only by the client closing its peer connection; a lost network is what a client must survive, and a new
     * connection is a new session (created again with {@code POST /v1/live/sessions}) that knows nothing of the old
     * one.
     */
    public FakeLive dropConnections() {
        for (FakeLiveConversation c : conversations()) {
            if (c.isOpen()) {
                c.drop();
            }
        }
        return this;
    }

    public synchronized FakeLive reset() {
        script.reset();
        conversations.clear();
        requests.clear();
        denied = false;
        return this;
    }

    // ---- recorded ----

    /** Every create request's JSON body that passed the key check, oldest first. */
    public synchronized List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<FakeLiveConversation> conversations() {
        return List.copyOf(conversations);
    }

    public synchronized FakeLiveConversation awaitConversation(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (conversations.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for Live session " + count + "; had "
                        + conversations.size());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return conversations.get(count - 1);
    }

    // ---- the HTTP edge ----

    /** {@code POST /v1/live/sessions}: {@code bearer} is the Authorization token, {@code body} the raw JSON. */
    public LiveAnswer create(String bearer, String contentType, String body) {
        if (bearer == null || bearer.isBlank()) {
            return error(401, "You didn't provide an API key.", null, "missing_api_key");
        }
        if (bearer.startsWith("ek_") || (projectKey != null && !projectKey.equals(bearer))) {
            return error(401, "Incorrect API key provided. GPT-Live sessions are created by a trusted server with a "
                    + "project API key.", null, "invalid_api_key");
        }
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return error(400, "Expected Content-Type application/json.", null, "invalid_content_type");
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (Exception e) {
            request = null;
        }
        synchronized (this) {
            if (request != null) {
                requests.add(request);
            }
        }
        if (denied) {
            return error(403, "Your project does not have access to GPT-Live.", null, "live_access_denied");
        }
        LiveSessionConfig.Problem problem = LiveSessionConfig.checkRequest(request);
        if (problem != null) {
            return error(400, problem.message(), problem.param(), problem.code());
        }
        LivePeer p = peer;
        if (p == null) {
            return error(501, "This fake has no WebRTC peer attached (FakeLive.peer).", null, "not_implemented");
        }
        ObjectNode session = ((ObjectNode) request.get("session")).deepCopy();
        if (!session.has("delegation") || session.get("delegation").isNull()) {
            session.putObject("delegation").put("type", "client"); // the documented default
        }
        if (!session.path("audio").path("output").has("voice")) {
            session.withObject("/audio").withObject("/output").put("voice", "marin");
        }
        FakeLiveConversation conversation = new FakeLiveConversation("live_" + random(12), session, script, clock);
        synchronized (this) {
            conversations.add(conversation);
            notifyAll();
        }
        try {
            String sdp = p.answer(request.path("transport").path("sdp").asText(), conversation);
            ObjectNode answer = JSON.createObjectNode();
            answer.putObject("session").put("id", conversation.sessionId());
            answer.putObject("transport").put("type", "webrtc").put("sdp", sdp);
            return new LiveAnswer(200, answer.toString());
        } catch (Exception e) {
            LOG.warn("fake Live peer failed", e);
            conversation.closed();
            return error(500, "The fake's WebRTC peer failed.", null, "server_error");
        }
    }

    @Override
    public void close() {
        for (FakeLiveConversation c : conversations()) {
            c.closed();
        }
    }

    private static LiveAnswer error(int status, String message, String param, String code) {
        ObjectNode b = JSON.createObjectNode();
        ObjectNode e = b.putObject("error").put("message", message).put("type", status == 401
                ? "invalid_request_error" : status == 403 ? "permission_error" : "invalid_request_error");
        e.put("param", param);
        e.put("code", code);
        return new LiveAnswer(status, b.toString());
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
