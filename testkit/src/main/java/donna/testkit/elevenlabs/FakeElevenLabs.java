package donna.testkit.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import donna.standins.realtime.Tone;
import donna.standins.support.Exchanges;
import donna.standins.support.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ElevenLabs' streaming text-to-speech on 127.0.0.1: {@code POST /v1/text-to-speech/{voice_id}/stream
 * ?output_format=pcm_24000} with header {@code xi-api-key} and JSON {@code {"text","model_id"}}, answered with raw
 * PCM16 24 kHz mono (the fake's tone, about 55 ms a character) streamed in 100 ms chunks. Refusals in ElevenLabs'
 * error shape {@code {"detail":{"status","message"}}}: 401 {@code invalid_api_key} for a missing or wrong key, 400
 * for no text or an output format the fake does not make, 404 {@code voice_not_found} for an unknown voice. Tests
 * script failures ahead ({@link #failNext(int, int)}: 429, 5xx, ...) and slow answers ({@link #stallNext(int, long)}).
 * Every request is recorded, whatever was answered.
 */
public final class FakeElevenLabs implements AutoCloseable {
    /** The key the fake accepts unless told otherwise. */
    public static final String KEY = "sk_fake_elevenlabs_0123456789";
    /** The voices the fake knows: ElevenLabs' premade George, and one more. */
    public static final List<String> VOICES = List.of("JBFqnCBsd6RMkjVDRZzb", "21m00Tcm4TlvDq8ikWAM");
    private static final Pattern PATH = Pattern.compile("/v1/text-to-speech/([^/]+)/stream");
    private static final int MS_PER_CHARACTER = 55;
    private static final int CHUNK_MS = 100;

    /** One request: its voice (from the path), output format, JSON body, whether a key came, what was answered. */
    public record Received(String voiceId, String outputFormat, JsonNode body, boolean keyPresent,
            int answeredStatus) {
        public String text() {
            return body.path("text").asText("");
        }

        public String modelId() {
            return body.path("model_id").asText("");
        }
    }

    private record Scripted(int status, long stallMillis) {}

    private final Loopback.Server server;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Scripted> script = new ArrayDeque<>();
    private volatile String key = KEY;

    private FakeElevenLabs(Loopback.Server server) {
        this.server = server;
    }

    public static FakeElevenLabs start() {
        Loopback.Server server = Loopback.start(0);
        FakeElevenLabs fake = new FakeElevenLabs(server);
        server.http().createContext("/", fake::handle);
        server.begin();
        return fake;
    }

    /** {@code http://127.0.0.1:<port>}: what {@code ELEVENLABS_BASE_URL} points at. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Accepts {@code newKey} from now on (the old one is refused with 401). */
    public FakeElevenLabs acceptKey(String newKey) {
        this.key = newKey;
        return this;
    }

    /** Answers the next {@code n} requests with {@code status} in ElevenLabs' error shape (429, 500, 503, ...). */
    public synchronized FakeElevenLabs failNext(int n, int status) {
        for (int i = 0; i < n; i++) {
            script.add(new Scripted(status, 0));
        }
        return this;
    }

    /** Holds the next {@code n} requests {@code millis} before answering (normally), to trip a client's timeout. */
    public synchronized FakeElevenLabs stallNext(int n, long millis) {
        for (int i = 0; i < n; i++) {
            script.add(new Scripted(200, millis));
        }
        return this;
    }

    /** Forgets requests, scripted failures and a changed key. */
    public synchronized void reset() {
        received.clear();
        script.clear();
        key = KEY;
    }

    /** Every request so far, oldest first. */
    public synchronized List<Received> requests() {
        return List.copyOf(received);
    }

    /** How many bytes of PCM the fake makes for {@code text}. */
    public static int pcmBytes(String text) {
        return text.length() * MS_PER_CHARACTER * Tone.BYTES_PER_MS;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = Exchanges.body(exchange);
            JsonNode body = parse(raw);
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            String voice = path.matches() ? path.group(1) : null;
            String format = Exchanges.query(exchange).getOrDefault("output_format", "mp3_44100_128");
            String given = exchange.getRequestHeaders().getFirst("xi-api-key");
            Scripted scripted;
            int status;
            synchronized (this) {
                scripted = script.poll();
                status = natural(exchange, voice, format, given, body);
                if (status == 200 && scripted != null && scripted.status() != 200) {
                    status = scripted.status();
                }
                received.add(new Received(voice, format, body, given != null, status));
            }
            if (status != 200) {
                Exchanges.sendJson(exchange, status, error(status));
                return;
            }
            if (scripted != null && scripted.stallMillis() > 0) {
                try {
                    Thread.sleep(scripted.stallMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            stream(exchange, pcmBytes(body.path("text").asText()));
        }
    }

    /** What ElevenLabs itself would answer (200 = speak). */
    private int natural(HttpExchange exchange, String voice, String format, String given, JsonNode body) {
        if (!"POST".equals(exchange.getRequestMethod()) || voice == null) {
            return 404;
        }
        if (given == null || !given.equals(key)) {
            return 401;
        }
        if (!VOICES.contains(voice)) {
            return 404;
        }
        if (!body.isObject() || body.path("text").asText("").isBlank() || !"pcm_24000".equals(format)) {
            return 400;
        }
        return 200;
    }

    private static ObjectNode error(int status) {
        Map.Entry<String, String> detail = switch (status) {
            case 401 -> Map.entry("invalid_api_key", "Invalid API key");
            case 404 -> Map.entry("voice_not_found", "A voice with the voice_id was not found.");
            case 400 -> Map.entry("invalid_request", "The fake speaks non-empty text as pcm_24000 only.");
            case 429 -> Map.entry("too_many_concurrent_requests", "Too many concurrent requests.");
            default -> Map.entry("internal_error", "The fake failed as told.");
        };
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("detail").put("status", detail.getKey()).put("message", detail.getValue());
        return root;
    }

    private static void stream(HttpExchange exchange, int total) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0); // chunked: the audio leaves as it is made
        try (OutputStream out = exchange.getResponseBody()) {
            int chunk = CHUNK_MS * Tone.BYTES_PER_MS;
            for (int at = 0; at < total; at += chunk) {
                out.write(Tone.chunk(at, Math.min(chunk, total - at)));
                out.flush();
            }
        }
    }

    private static JsonNode parse(byte[] raw) {
        try {
            JsonNode node = Exchanges.JSON.readTree(raw);
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
