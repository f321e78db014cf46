package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import donna.standins.realtime.CallAnswer;
import donna.standins.live.FakeLive;
import donna.standins.live.LiveAnswer;
import donna.standins.realtime.FakeRealtime;
import donna.standins.support.Exchanges;
import donna.standins.support.JettyLoopback;
import donna.standins.support.Loopback;
import donna.standins.support.Latency;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI on 127.0.0.1 for tests and for the app's demo mode: {@code POST /v1/responses} (streamed as the real
 * Responses API event sequence, or as one object), {@code POST /v1/moderations}, {@code POST /v1/embeddings}
 * (deterministic vectors: texts sharing words point alike, see {@link EmbeddingsEndpoint}), and the Realtime API
 * ({@link #realtime()}: {@code POST /v1/realtime/client_secrets}, the WebSocket {@code /v1/realtime},
 * {@code POST /v1/realtime/calls}), all under one base URL as on the real service. Without a script it answers as
 * a friendly echoing demo assistant (which, when tools are offered, drives them for a handful of requests: see
 * {@link DemoToolBrain}) and flags nothing. Every method is thread-safe.
 *
 * <pre>{@code
 * try (FakeOpenAi openai = FakeOpenAi.start()) {
 *     openai.replyWith("Hello there").failNext(2, Failure.rateLimited(Duration.ofMillis(10)));
 *     ... point the client at openai.baseUrl() ...
 *     assertThat(openai.requests(Endpoint.RESPONSES).getLast().instructions()).contains("DONNA");
 * }
 * }</pre>
 */
public final class FakeOpenAi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeOpenAi.class);
    private static final String REALTIME_PATH = "/v1/realtime";
    private static final String CALLS_PATH = "/v1/realtime/calls";
    private static final String LIVE_PATH = "/v1/live/sessions";

    private final Script script = new Script();
    private final ResponsesEndpoint responses = new ResponsesEndpoint(script, Exchanges.JSON);
    private final ModerationsEndpoint moderations = new ModerationsEndpoint(script);
    private final AudioEndpoints audio = new AudioEndpoints();
    private final FakeRealtime realtime = new FakeRealtime();
    private final FakeLive live = new FakeLive();
    private final JettyLoopback server;

    private FakeOpenAi(int port) {
        server = JettyLoopback.start("fake-openai", port, Map.of(
                Endpoint.RESPONSES.path(), exchange -> handle(exchange, Endpoint.RESPONSES),
                Endpoint.MODERATIONS.path(), exchange -> handle(exchange, Endpoint.MODERATIONS),
                Endpoint.EMBEDDINGS.path(), exchange -> handle(exchange, Endpoint.EMBEDDINGS),
                Endpoint.CLIENT_SECRETS.path(), exchange -> handle(exchange, Endpoint.CLIENT_SECRETS),
                Endpoint.TRANSCRIPTIONS.path(), exchange -> handle(exchange, Endpoint.TRANSCRIPTIONS),
                Endpoint.SPEECH.path(), exchange -> handle(exchange, Endpoint.SPEECH),
                CALLS_PATH, this::call,
                LIVE_PATH, this::live),
                sockets -> {
                    // A quiet push-to-talk session must not time out; audio events can be large.
                    sockets.setIdleTimeout(Duration.ofHours(1));
                    sockets.setMaxTextMessageSize(16 * 1024 * 1024);
                    sockets.addMapping(REALTIME_PATH, RealtimeSocket.creator(realtime));
                });
    }

    /** A running fake on a free loopback port. */
    public static FakeOpenAi start() {
        return new FakeOpenAi(0);
    }

    /** A running fake on the given loopback port (0 for any). */
    public static FakeOpenAi start(int port) {
        return new FakeOpenAi(port);
    }

    /** Runs the fake until the process is stopped: {@code [port]}. Prints its base URL on the first line. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        FakeOpenAi fake = start(port);
        System.out.println(fake.baseUrl()); // the one line a script or a person reads to find the fake
        System.out.flush();
        Loopback.runUntilStopped(fake::close);
    }

    /** The base URL to configure as OPENAI_BASE_URL, e.g. {@code http://127.0.0.1:40123} (paths start /v1/). */
    public URI baseUrl() {
        return URI.create(server.baseUrl());
    }

    public int port() {
        return server.port();
    }

    /** The Realtime API part: scripts, faults, minted secrets and the conversations of its connections. */
    /** GPT-Live: {@code POST /v1/live/sessions} (see {@link FakeLive}). */
    public FakeLive live() {
        return live;
    }

    public FakeRealtime realtime() {
        return realtime;
    }

    // ---- scripting ----

    /** The next /v1/responses call answers this text (calls queue up; without any, the demo assistant answers). */
    public FakeOpenAi replyWith(String text) {
        return reply(Reply.text(text));
    }

    /** The next /v1/responses call answers with a call of this function. */
    public FakeOpenAi replyWithFunctionCall(String name, String argumentsJson) {
        return reply(Reply.functionCall(name, argumentsJson));
    }

    /** The next /v1/responses call answers with these calls together (a model calling tools in parallel). */
    public FakeOpenAi replyWithFunctionCalls(Reply.Call... calls) {
        return reply(Reply.functionCalls(calls));
    }

    public FakeOpenAi reply(Reply reply) {
        script.enqueue(reply);
        return this;
    }

    /** Moderation flags any input containing {@code needle} (case-insensitive) with these categories. */
    public FakeOpenAi flagWhen(String needle, String... categories) {
        script.flagWhen(needle, categories.length == 0 ? List.of("harassment") : List.of(categories));
        return this;
    }

    /** The next {@code times} /v1/responses calls fail this way. */
    public FakeOpenAi failNext(int times, Failure failure) {
        return failNext(Endpoint.RESPONSES, times, failure);
    }

    public FakeOpenAi failNext(Endpoint endpoint, int times, Failure failure) {
        script.failNext(endpoint, times, failure);
        return this;
    }

    /** Wait before answering anything (before the status line). */
    public FakeOpenAi firstByteLatency(Duration latency) {
        script.firstByteLatency(latency);
        return this;
    }

    /** Wait before each streamed delta. */
    public FakeOpenAi chunkLatency(Duration latency) {
        script.chunkLatency(latency);
        return this;
    }

    /** Only this key is accepted from now on (401 invalid_api_key otherwise); by default any bearer token is. */
    public FakeOpenAi requireApiKey(String key) {
        script.requiredApiKey(key);
        return this;
    }

    /**
     * The next transcription answers this text (default: "I spoke for N seconds.", or nothing for silence). Speech
     * ({@code /v1/audio/speech}) is always the fake's tone, about 55 ms a character.
     */
    public FakeOpenAi transcribeAs(String text) {
        audio.transcribeAs(text);
        return this;
    }

    /** Forgets every script, latency and recorded request, the Realtime part's included. */
    public FakeOpenAi reset() {
        audio.reset();
        script.reset();
        realtime.reset();
        live.reset();
        return this;
    }

    // ---- recorded requests ----

    /** Forgets the requests recorded so far (a load test's memory), keeping scripts and latencies. */
    public FakeOpenAi forgetRequests() {
        script.forgetRequests();
        return this;
    }

    public List<RecordedRequest> requests() {
        return script.requests();
    }

    public List<RecordedRequest> requests(Endpoint endpoint) {
        return script.requests().stream().filter(r -> r.endpoint() == endpoint).toList();
    }

    public RecordedRequest lastRequest(Endpoint endpoint) {
        List<RecordedRequest> list = requests(endpoint);
        if (list.isEmpty()) {
            throw new IllegalStateException("no request to " + endpoint.path() + " yet");
        }
        return list.getLast();
    }

    @Override
    public void close() {
        live.close();
        realtime.close();
        server.close();
    }

    private void handle(HttpExchange exchange, Endpoint endpoint) throws IOException {
        try {
            answer(exchange, endpoint);
            exchange.close(); // only on success: closing would end a dropped stream cleanly instead
        } catch (IOException e) {
            LOG.debug("fake OpenAI dropped a connection on {}: {}", endpoint.path(), e.getMessage());
            throw e; // the JDK server closes the connection: a drop, as scripted or as the client hung up
        } catch (RuntimeException e) {
            LOG.warn("fake OpenAI failed on {}", endpoint.path(), e);
            throw e;
        }
    }

    private void answer(HttpExchange exchange, Endpoint endpoint) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            Exchanges.sendJson(exchange, 405, OpenAiErrors.body("Method not allowed", null, null));
            return;
        }
        byte[] raw = Exchanges.body(exchange);
        // Transcriptions are multipart (the audio file); the record keeps a summary of what was sent.
        JsonNode body = endpoint == Endpoint.TRANSCRIPTIONS ? audio.summarise(exchange, raw) : parse(raw);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        script.record(new RecordedRequest(endpoint, authorization, body));
        if (!authorized(exchange)) {
            return;
        }
        Failure failure = script.nextFailure(endpoint);
        pause(script.firstByteLatency());
        if (failure != null && failIfTerminal(exchange, failure)) {
            return;
        }
        if (body.isMissingNode()) {
            Exchanges.sendJson(exchange, 400, OpenAiErrors.body("We could not parse the JSON body of your "
                    + "request.", null, null));
            return;
        }
        switch (endpoint) {
            case RESPONSES -> responses.answer(exchange, body, failure);
            case MODERATIONS -> moderations.answer(exchange, body);
            case EMBEDDINGS -> EmbeddingsEndpoint.answer(exchange, body);
            case CLIENT_SECRETS -> mint(exchange, body);
            case TRANSCRIPTIONS -> audio.transcribe(exchange, body);
            case SPEECH -> audio.speak(exchange, body);
        }
    }

    private void mint(HttpExchange exchange, JsonNode body) throws IOException {
        if (Exchanges.bearer(exchange).startsWith("ek_")) {
            // A client secret cannot mint more secrets: only the server key can.
            Exchanges.sendJson(exchange, 401, OpenAiErrors.body("Ephemeral client secrets cannot create client "
                    + "secrets; use an API key.", null, "invalid_api_key"));
            return;
        }
        FakeRealtime.MintResult minted = realtime.mint(body);
        Exchanges.sendJson(exchange, minted.status(), minted.body());
    }

    /** {@code POST /v1/realtime/calls}: SDP in, SDP out, authorised by the client secret (not the server key). */
    private void call(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            Exchanges.sendJson(exchange, 405, OpenAiErrors.body("Method not allowed", null, null));
            return;
        }
        String offer = new String(Exchanges.body(exchange), StandardCharsets.UTF_8);
        CallAnswer answer = realtime.call(Exchanges.bearer(exchange),
                exchange.getRequestHeaders().getFirst("Content-Type"), offer);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        if (answer.location() != null) {
            exchange.getResponseHeaders().set("Location", answer.location());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code POST /v1/live/sessions}: JSON in (session config and SDP offer), JSON out, the project key only. */
    private void live(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            Exchanges.sendJson(exchange, 405, OpenAiErrors.body("Method not allowed", null, null));
            return;
        }
        String body = new String(Exchanges.body(exchange), StandardCharsets.UTF_8);
        LiveAnswer answer = live.create(Exchanges.bearer(exchange),
                exchange.getRequestHeaders().getFirst("Content-Type"), body);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String key = Exchanges.bearer(exchange);
        if (key == null) {
            Exchanges.sendJson(exchange, 401, OpenAiErrors.body("You didn't provide an API key. You need to provide "
                    + "your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    null, null));
            return false;
        }
        String required = script.requiredApiKey();
        if (required != null && !required.equals(key)) {
            Exchanges.sendJson(exchange, 401, OpenAiErrors.body("Incorrect API key provided: "
                    + OpenAiErrors.masked(key) + ". You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.", null, "invalid_api_key"));
            return false;
        }
        return true;
    }

    /** Answers a failure that ends the call before any reply; true if it did. */
    private static boolean failIfTerminal(HttpExchange exchange, Failure failure) throws IOException {
        switch (failure.kind()) {
            case ERROR_STATUS -> {
                if (failure.retryAfter() != null) {
                    // OpenAI sends whole seconds; the fake rounds up so a client never retries early.
                    long seconds = Math.max(1, (failure.retryAfter().toMillis() + 999) / 1000);
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
                    exchange.getResponseHeaders().set("Retry-After-Ms", Long.toString(failure.retryAfter().toMillis()));
                }
                Exchanges.sendJson(exchange, failure.status(), OpenAiErrors.forStatus(failure.status(),
                        failure.message()));
                return true;
            }
            case DROP_BEFORE_RESPONSE -> throw new IOException("scripted drop before the response");
            default -> {
                return false;
            }
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Exchanges.JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static void pause(Duration latency) throws IOException {
        if (!Latency.pause(latency)) {
            throw new IOException("fake closed while waiting");
        }
    }
}
