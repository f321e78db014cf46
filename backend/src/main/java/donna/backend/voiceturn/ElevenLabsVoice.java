package donna.backend.voiceturn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.config.BackendConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * DONNA's voice through ElevenLabs' streaming text-to-speech: {@code POST /v1/text-to-speech/{voice_id}/stream
 * ?output_format=pcm_24000} with {@code xi-api-key} and {@code {"text","model_id"}}. The answer is raw PCM16 24 kHz
 * mono, the same audio OpenAI speech gives the batch path, handed on in 100 ms pieces as it arrives. Not retried:
 * a refused or failed sentence is the caller's to speak another way ({@link TurnVoice}).
 */
final class ElevenLabsVoice implements SpokenReply.Voice {
    /** Connecting, and each wait for more audio, may take this long before the call counts as timed out. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** What ElevenLabs is asked for: the batch path's audio format ({@code AudioClient.SPEECH_SAMPLE_RATE}). */
    static final String OUTPUT_FORMAT = "pcm_24000";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int CHUNK = 4_800; // 100 ms of speech, as AudioClient hands it on

    private final OkHttpClient http;
    private final HttpUrl url;
    private final String key;
    private final String model;
    private final ObjectMapper mapper;
    private final Duration timeout;

    ElevenLabsVoice(BackendConfig.ElevenLabs config, ObjectMapper mapper, Duration timeout) {
        this.key = config.apiKey().orElseThrow(() -> new IllegalArgumentException("ElevenLabs needs a key"));
        this.url = HttpUrl.get(config.baseUrl().toString()).newBuilder().addPathSegments("v1/text-to-speech")
                .addPathSegment(config.voiceId()).addPathSegment("stream")
                .addQueryParameter("output_format", OUTPUT_FORMAT).build();
        this.model = config.model();
        this.mapper = mapper;
        this.timeout = timeout;
        this.http = new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout)
                .retryOnConnectionFailure(false).build();
    }

    /**
     * @throws ElevenLabsException ElevenLabs refused (401, 429, ...), failed (5xx) or did not answer in time; the
     *                             message never holds the key
     */
    @Override
    public void speak(String text, Consumer<byte[]> audio) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(mapper.createObjectNode().put("text", text).put("model_id", model));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the request", e);
        }
        Request request = new Request.Builder().url(url).header("xi-api-key", key)
                .post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody answer = response.body();
            if (!response.isSuccessful()) {
                throw new ElevenLabsException(response.code(), reason(answer));
            }
            stream(answer.source(), audio);
        } catch (InterruptedIOException e) {
            throw new ElevenLabsException(0, "gave no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new ElevenLabsException(0, "unreachable (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** ElevenLabs' {@code detail.status} ("invalid_api_key", ...), or "" when the body says nothing readable. */
    private String reason(ResponseBody body) {
        try {
            JsonNode error = mapper.readTree(body.source().readByteArray());
            return error == null ? "" : error.path("detail").path("status").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void stream(BufferedSource source, Consumer<byte[]> audio) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int filled = 0;
        int read;
        while ((read = source.read(buffer, filled, buffer.length - filled)) >= 0) {
            filled += read;
            if (filled == buffer.length) {
                audio.accept(buffer.clone());
                filled = 0;
            }
        }
        // Whole samples only: an odd trailing byte would shift every sample after it.
        int whole = filled & ~1;
        if (whole > 0) {
            audio.accept(Arrays.copyOf(buffer, whole));
        }
    }

    /** ElevenLabs did not speak: {@code status} is its HTTP status, 0 when it never answered. */
    static final class ElevenLabsException extends RuntimeException {
        private final int status;

        ElevenLabsException(int status, String reason) {
            super(status == 0 ? "ElevenLabs " + reason
                    : "ElevenLabs answered " + status + (reason.isBlank() ? "" : " (" + reason + ")"));
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
