package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.BufferedSource;

/**
 * OpenAI's audio endpoints for the batch voice path: {@code POST /v1/audio/transcriptions} (a recording to text)
 * and {@code POST /v1/audio/speech} (text to raw PCM16 24 kHz mono, handed on chunk by chunk as it arrives so
 * playback starts before the whole answer is spoken). Retried like the other calls while nothing reached the caller.
 */
public final class AudioClient {
    public static final String TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";
    public static final String SPEECH_MODEL = "gpt-4o-mini-tts";
    /** What {@code response_format: "pcm"} gives: 24 kHz, 16-bit little-endian, mono. */
    public static final int SPEECH_SAMPLE_RATE = 24_000;
    private static final MediaType WAV = MediaType.get("audio/wav");
    private static final int CHUNK = 4_800; // 100 ms of speech

    private final OpenAiHttp http;

    public AudioClient(OpenAiHttp http) {
        this.http = http;
    }

    /**
     * The words in a WAV recording ("" when there are none).
     *
     * @throws OpenAiUnavailableException OpenAI could not answer
     * @throws OpenAiTimeoutException     no answer within the timeout
     * @throws OpenAiRequestException     OpenAI refused the request
     */
    public String transcribe(byte[] wav) {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("model", TRANSCRIPTION_MODEL)
                .addFormDataPart("response_format", "json")
                .addFormDataPart("file", "speech.wav", RequestBody.create(wav, WAV))
                .build();
        long deadline = http.newDeadline();
        return http.withRetries(() -> http.post("/v1/audio/transcriptions", body, deadline, r -> r,
                source -> text(source), () -> false));
    }

    /**
     * Speaks {@code text} with {@code voice}; each piece of PCM goes to {@code audio} as it arrives (on this
     * thread). Not retried once audio went out: the listener would hear the start twice.
     */
    public void speak(String text, String voice, Consumer<byte[]> audio) {
        byte[] request;
        try {
            request = http.json().writeValueAsBytes(http.json().createObjectNode().put("model", SPEECH_MODEL)
                    .put("input", text).put("voice", voice).put("response_format", "pcm"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the request", e);
        }
        long deadline = http.newDeadline();
        boolean[] spoke = {false};
        http.withRetries(() -> http.post("/v1/audio/speech", request, deadline, r -> r, source -> {
            stream(source, audio, spoke);
            return null;
        }, () -> spoke[0]));
    }

    private String text(BufferedSource source) throws IOException {
        JsonNode answer = http.json().readTree(source.readByteArray());
        JsonNode text = answer.path("text");
        if (!text.isTextual()) {
            throw new RetryableFailure("transcription answer without text", null, null);
        }
        return text.asText().strip();
    }

    private static void stream(BufferedSource source, Consumer<byte[]> audio, boolean[] spoke) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int filled = 0;
        while (true) {
            int read = source.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
            if (filled == buffer.length) {
                spoke[0] = true;
                audio.accept(buffer.clone());
                filled = 0;
            }
        }
        // Whole samples only: an odd trailing byte would shift every sample after it.
        int whole = filled & ~1;
        if (whole > 0) {
            spoke[0] = true;
            audio.accept(java.util.Arrays.copyOf(buffer, whole));
        }
    }
}
