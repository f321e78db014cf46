package donna.standins.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.standins.support.Latency;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Realtime part of the fake OpenAI ({@code FakeOpenAi.realtime()}): mints client secrets
 * ({@code POST /v1/realtime/client_secrets}), admits connections that present one (the WebSocket endpoint
 * {@code /v1/realtime}, and {@code POST /v1/realtime/calls} through an attached {@link CallsHandler}), runs one
 * {@link FakeRealtimeConversation} per connection, and injects faults: drop every connection now, refuse or delay
 * the next connections, expire every secret early. Thread-safe.
 *
 * <pre>{@code
 * try (FakeOpenAi openai = FakeOpenAi.start()) {
 *     FakeRealtime realtime = openai.realtime().hear("What's on today?").answer("Two meetings.");
 *     ... mint through the service, connect a transport to openai.baseUrl() ...
 *     FakeRealtimeConversation call = realtime.awaitConversation(1, Duration.ofSeconds(5));
 *     call.awaitReceived("response.create", Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class FakeRealtime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeRealtime.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The API's bounds for {@code expires_after.seconds}, and its default (10 minutes). */
    static final int MIN_TTL_SECONDS = 10;
    static final int MAX_TTL_SECONDS = 7200;
    static final int DEFAULT_TTL_SECONDS = 600;
    private static final Duration PUMP_TICK = Duration.ofMillis(20);

    private final RealtimeScript script = new RealtimeScript();
    private final Map<String, MintedSecret> secrets = new ConcurrentHashMap<>();
    private final List<MintedSecret> minted = new CopyOnWriteArrayList<>();
    private final List<FakeRealtimeConversation> conversations = new ArrayList<>();
    private final List<FakeRealtimeConversation> pumped = new CopyOnWriteArrayList<>();
    private final Deque<Integer> refusals = new ArrayDeque<>();
    private final ScheduledExecutorService pump;
    private volatile Clock clock = Clock.systemUTC();
    private volatile Duration connectLatency = Duration.ZERO;
    private volatile double audioPace = 2.0;
    private volatile CallsHandler callsHandler;
    private volatile String projectKey;

    public FakeRealtime() {
        pump = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fake-realtime-pump")
                .factory());
        pump.scheduleAtFixedRate(this::pumpAudio, PUMP_TICK.toMillis(), PUMP_TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- scripting ----

    /** The next committed user turn is transcribed as this (default: "I spoke for N seconds."). */
    public FakeRealtime hear(String transcript) {
        script.hear(transcript);
        return this;
    }

    /** The next response says this (about 55 ms of tone a character). */
    public FakeRealtime answer(String text) {
        script.answer(new RealtimeScript.Answer(text, null));
        return this;
    }

    /** The next response says this, taking {@code audio} to say it. */
    public FakeRealtime answer(String text, Duration audio) {
        script.answer(new RealtimeScript.Answer(text, audio));
        return this;
    }

    /**
     * The next response calls these functions instead of speaking (two or more: in one response); see
     * {@link FakeRealtimeConversation#callTools}. Script the spoken answer that follows the outputs with
     * {@link #answer}.
     */
    public FakeRealtime callTools(ScriptedCall... calls) {
        script.answer(new RealtimeScript.Calls(List.of(calls)));
        return this;
    }

    /** The next response calls one function. */
    /**
     * Demo mode: a spoken turn with nothing scripted asks for the inbox summary (when the session offers that tool)
     * and reads the result out, so a newcomer hears DONNA act without an OpenAI account.
     */
    public FakeRealtime actLikeTheDemo() {
        script.demoActs(true);
        return this;
    }

    public FakeRealtime callTool(String name, String argumentsJson) {
        return callTools(new ScriptedCall(name, argumentsJson));
    }

    /** WebSocket answers stream their audio this many times faster than real time (default 2, like the API). */
    public FakeRealtime audioPace(double timesRealTime) {
        if (timesRealTime <= 0) {
            throw new IllegalArgumentException("pace must be positive");
        }
        this.audioPace = timesRealTime;
        return this;
    }

    /** The time secrets are minted and checked against. */
    public FakeRealtime clock(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    /** The WebRTC peer that answers {@code POST /v1/realtime/calls}. */
    public FakeRealtime callsHandler(CallsHandler handler) {
        this.callsHandler = handler;
        return this;
    }

    // ---- faults ----

    /** Every open connection drops now, as a network failure (the client sees a failure, not a close). */
    public FakeRealtime dropConnections() {
        for (FakeRealtimeConversation c : conversations()) {
            if (c.isOpen()) {
                c.drop();
            }
        }
        return this;
    }

    /** The next {@code times} connection attempts (WebSocket or call) are answered with {@code status}. */
    public synchronized FakeRealtime refuseConnections(int times, int status) {
        for (int i = 0; i < times; i++) {
            refusals.addLast(status);
        }
        return this;
    }

    /**
     * The WebSocket also admits this standard project key, as the API does for a trusted server
     * ({@code Authorization: Bearer $OPENAI_API_KEY}); its session starts from the defaults for the model named in
     * the URL and is shaped by the client's {@code session.update}. By default only minted secrets are admitted.
     */
    public FakeRealtime acceptProjectKey(String key) {
        this.projectKey = key;
        return this;
    }

    /** Every connection attempt waits this long before it is answered. */
    public FakeRealtime connectLatency(Duration latency) {
        this.connectLatency = latency;
        return this;
    }

    /** Every secret minted so far stops opening connections (connections already open keep running). */
    public FakeRealtime expireSecretsNow() {
        Instant now = clock.instant().minusMillis(1);
        secrets.replaceAll((value, s) -> new MintedSecret(s.value(), now, s.session(), s.request()));
        minted.replaceAll(s -> secrets.getOrDefault(s.value(), s));
        return this;
    }

    /** Forgets scripts, faults, secrets and conversations. */
    public synchronized FakeRealtime reset() {
        script.reset();
        refusals.clear();
        secrets.clear();
        minted.clear();
        conversations.clear();
        pumped.clear();
        connectLatency = Duration.ZERO;
        return this;
    }

    // ---- recorded ----

    /** Every secret minted, oldest first. */
    public List<MintedSecret> secrets() {
        return List.copyOf(minted);
    }

    public MintedSecret lastSecret() {
        if (minted.isEmpty()) {
            throw new IllegalStateException("no client secret minted yet");
        }
        return minted.getLast();
    }

    /** Every conversation (one per admitted connection), oldest first. */
    public synchronized List<FakeRealtimeConversation> conversations() {
        return List.copyOf(conversations);
    }

    /** Waits until {@code count} connections were admitted and returns the {@code count}-th. */
    public synchronized FakeRealtimeConversation awaitConversation(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (conversations.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for connection " + count + "; had "
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

    // ---- for the fake's transports ----

    /**
     * {@code POST /v1/realtime/client_secrets} with a server key already checked: 200 with
     * {@code {value, expires_at, session}}, or 400 in OpenAI's error shape.
     */
    public MintResult mint(JsonNode request) {
        JsonNode expires = request.path("expires_after");
        int seconds = expires.path("seconds").asInt(DEFAULT_TTL_SECONDS);
        if (expires.has("seconds") && (!expires.path("seconds").canConvertToInt() || seconds < MIN_TTL_SECONDS
                || seconds > MAX_TTL_SECONDS)) {
            return MintResult.error(400, "Invalid 'expires_after.seconds': must be between " + MIN_TTL_SECONDS
                    + " and " + MAX_TTL_SECONDS + ".", "expires_after.seconds", "invalid_value");
        }
        if (expires.has("anchor") && !"created_at".equals(expires.path("anchor").asText())) {
            return MintResult.error(400, "Invalid 'expires_after.anchor': expected 'created_at'.",
                    "expires_after.anchor", "invalid_value");
        }
        JsonNode session = request.path("session");
        if (session.isObject() && !"realtime".equals(session.path("type").asText())) {
            return MintResult.error(400, "Missing required parameter: 'session.type'.", "session.type",
                    "missing_required_parameter");
        }
        ObjectNode effective = MintedSessions.defaults(session);
        effective.put("id", "sess_" + random(12));
        Instant expiresAt = clock.instant().plusSeconds(seconds);
        MintedSecret secret = new MintedSecret("ek_" + random(16), expiresAt, effective, request.deepCopy());
        secrets.put(secret.value(), secret);
        minted.add(secret);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("value", secret.value())
                .put("expires_at", expiresAt.getEpochSecond());
        body.set("session", effective.deepCopy());
        LOG.debug("fake realtime minted a secret for {} expiring in {} s", secret.model(), seconds);
        return new MintResult(200, body);
    }

    /**
     * Admits a connection that presents {@code bearer}: applies the scripted latency and refusals, checks the
     * secret (known, unexpired), and returns a new conversation for it; WebSocket ({@link AudioPath#EVENTS})
     * conversations get their audio streamed by the fake's pump.
     *
     * @throws RealtimeRefusal with the status and body to answer
     */
    public FakeRealtimeConversation admit(String bearer, AudioPath path) {
        return admit(bearer, path, null);
    }

    /** As {@link #admit(String, AudioPath)}; {@code model} is the URL's {@code ?model=} (a project key needs it). */
    public FakeRealtimeConversation admit(String bearer, AudioPath path, String model) {
        Latency.pause(connectLatency);
        Integer refusal;
        synchronized (this) {
            refusal = refusals.pollFirst();
        }
        if (refusal != null) {
            throw new RealtimeRefusal(refusal, refusal == 429 ? "rate_limit_exceeded" : "server_error",
                    "The fake refused this connection (scripted).");
        }
        if (bearer == null) {
            throw new RealtimeRefusal(401, "missing_api_key", "You didn't provide an API key.");
        }
        MintedSecret secret = secrets.get(bearer);
        ObjectNode session;
        if (secret == null && bearer.equals(projectKey)) {
            if (model == null || model.isBlank()) {
                throw new RealtimeRefusal(400, "invalid_request_error", "Missing required parameter: 'model'.");
            }
            session = MintedSessions.defaults(JsonNodeFactory.instance.objectNode().put("model", model));
        } else if (secret == null) {
            throw new RealtimeRefusal(401, "invalid_api_key", "Incorrect API key provided.");
        } else if (!clock.instant().isBefore(secret.expiresAt())) {
            throw new RealtimeRefusal(401, "invalid_api_key", "The ephemeral client secret has expired.");
        } else {
            session = (ObjectNode) secret.session();
        }
        FakeRealtimeConversation conversation = new FakeRealtimeConversation(
                "sess_" + random(12), session, path, script, clock);
        synchronized (this) {
            conversations.add(conversation);
            notifyAll();
        }
        if (path == AudioPath.EVENTS) {
            pumped.add(conversation);
        }
        return conversation;
    }

    /** {@code POST /v1/realtime/calls}: admits the caller and hands the offer to the attached {@link CallsHandler}. */
    public CallAnswer call(String bearer, String contentType, String offerSdp) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/sdp")) {
            return jsonError(new RealtimeRefusal(400, "invalid_content_type",
                    "Expected Content-Type application/sdp."));
        }
        CallsHandler handler = callsHandler;
        if (handler == null) {
            return jsonError(new RealtimeRefusal(501, "not_implemented",
                    "This fake has no WebRTC peer attached (FakeRealtime.callsHandler)."));
        }
        FakeRealtimeConversation conversation;
        try {
            conversation = admit(bearer, AudioPath.MEDIA);
        } catch (RealtimeRefusal r) {
            return jsonError(r);
        }
        try {
            String answer = handler.answer(offerSdp, conversation);
            return new CallAnswer(201, "application/sdp", answer, "/v1/realtime/calls/rtc_" + random(12));
        } catch (Exception e) {
            LOG.warn("fake realtime calls handler failed", e);
            conversation.closed();
            return jsonError(new RealtimeRefusal(500, "server_error", "The fake's WebRTC peer failed."));
        }
    }

    @Override
    public void close() {
        pump.shutdownNow();
        for (FakeRealtimeConversation c : conversations()) {
            c.closed();
        }
    }

    /** Streams the audio of speaking WebSocket conversations, {@link #audioPace} times faster than real time. */
    private void pumpAudio() {
        int bytes = (int) Math.round(PUMP_TICK.toMillis() * audioPace) * Tone.BYTES_PER_MS;
        pumped.removeIf(FakeRealtimeConversation::isClosed);
        for (FakeRealtimeConversation c : pumped) {
            try {
                if (c.speaking()) {
                    c.speak(bytes);
                }
            } catch (RuntimeException e) {
                LOG.warn("fake realtime pump failed", e);
            }
        }
    }

    private static CallAnswer jsonError(RealtimeRefusal r) {
        return new CallAnswer(r.status(), "application/json", r.body().toString(), null);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A mint answer: status and body (the secret, or OpenAI's error shape). */
    public record MintResult(int status, JsonNode body) {
        static MintResult error(int status, String message, String param, String code) {
            return new MintResult(status, ApiErrors.body(message, param, code));
        }
    }
}
