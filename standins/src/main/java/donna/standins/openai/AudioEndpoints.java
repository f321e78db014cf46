package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import donna.standins.realtime.Tone;
import donna.standins.support.Exchanges;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * {@code POST /v1/audio/transcriptions} (multipart: {@code file}, {@code model}; answers {@code {"text"}}) and
 * {@code POST /v1/audio/speech} (JSON {@code model, input, voice, response_format}; answers the audio, streamed in
 * chunks as the API does). Speech is the fake's tone, about 55 ms a character, as raw PCM16 24 kHz mono for
 * {@code response_format: "pcm"}; other formats are refused here (the service asks for pcm).
 */
final class AudioEndpoints {
    /** As the API: 25 MB per file. */
    static final int MAX_FILE_BYTES = 25 * 1024 * 1024;
    private static final int MS_PER_CHARACTER = 55;
    private static final int CHUNK_MS = 100;

    private final Deque<String> transcripts = new ArrayDeque<>();

    synchronized void transcribeAs(String text) {
        transcripts.add(text);
    }

    synchronized void reset() {
        transcripts.clear();
    }

    /**
     * What a multipart transcription request carried, as JSON for the record: {@code model}, {@code file_name},
     * {@code file_bytes}, {@code audio_ms} (for a WAV), {@code peak} (loudest sample). Missing node when it is not
     * multipart.
     */
    JsonNode summarise(HttpExchange exchange, byte[] body) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || !type.contains("boundary=")) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length()).replace("\"", "").trim();
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        for (Part part : Part.split(body, boundary)) {
            if ("file".equals(part.name())) {
                summary.put("file_name", part.fileName()).put("file_bytes", part.data().length);
                Wav wav = Wav.read(part.data());
                if (wav != null) {
                    summary.put("audio_ms", wav.millis()).put("peak", wav.peak());
                }
            } else if (part.name() != null) {
                summary.put(part.name(), new String(part.data(), StandardCharsets.UTF_8));
            }
        }
        return summary;
    }

    void transcribe(HttpExchange exchange, JsonNode request) throws IOException {
        if (!request.has("file_name")) {
            Exchanges.sendJson(exchange, 400, OpenAiErrors.body("Missing required parameter: 'file'.", "file",
                    "missing_required_parameter"));
            return;
        }
        if (request.path("model").asText().isBlank()) {
            Exchanges.sendJson(exchange, 400, OpenAiErrors.body("Missing required parameter: 'model'.", "model",
                    "missing_required_parameter"));
            return;
        }
        String scripted;
        synchronized (this) {
            scripted = transcripts.pollFirst();
        }
        // Silence transcribes to nothing, as the real model does (or to a stray word, which DONNA must not trust).
        String text = scripted != null ? scripted : request.path("peak").asInt() < 500 ? ""
                : String.format(Locale.ROOT, "I spoke for %.1f seconds.", request.path("audio_ms").asLong() / 1000.0);
        Exchanges.sendJson(exchange, 200, JsonNodeFactory.instance.objectNode().put("text", text));
    }

    void speak(HttpExchange exchange, JsonNode request) throws IOException {
        String input = request.path("input").asText("");
        if (input.isBlank()) {
            Exchanges.sendJson(exchange, 400, OpenAiErrors.body("Missing required parameter: 'input'.", "input",
                    "missing_required_parameter"));
            return;
        }
        if (input.length() > 4096) {
            Exchanges.sendJson(exchange, 400, OpenAiErrors.body("'input' is too long: at most 4096 characters.",
                    "input", "string_above_max_length"));
            return;
        }
        if (!"pcm".equals(request.path("response_format").asText("mp3"))) {
            Exchanges.sendJson(exchange, 400, OpenAiErrors.body("The fake speaks pcm only.", "response_format",
                    "invalid_value"));
            return;
        }
        int total = input.length() * MS_PER_CHARACTER * Tone.BYTES_PER_MS;
        exchange.getResponseHeaders().set("Content-Type", "audio/pcm");
        exchange.sendResponseHeaders(200, 0); // chunked: the audio leaves as it is made
        try (OutputStream out = exchange.getResponseBody()) {
            int chunk = CHUNK_MS * Tone.BYTES_PER_MS;
            for (int at = 0; at < total; at += chunk) {
                out.write(Tone.chunk(at, Math.min(chunk, total - at)));
                out.flush();
            }
        }
    }

    /** One part of a multipart body. */
    private record Part(String name, String fileName, byte[] data) {
        static java.util.List<Part> split(byte[] body, String boundary) {
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            java.util.List<Part> parts = new java.util.ArrayList<>();
            int at = indexOf(body, delimiter, 0);
            while (at >= 0) {
                int start = at + delimiter.length;
                if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                    break; // the closing delimiter
                }
                int next = indexOf(body, delimiter, start);
                if (next < 0) {
                    break;
                }
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
                if (headersEnd < 0 || headersEnd > next) {
                    break;
                }
                String headers = new String(body, start, headersEnd - start, StandardCharsets.ISO_8859_1);
                int dataEnd = next - 2; // the CRLF before the delimiter
                byte[] data = java.util.Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, dataEnd));
                parts.add(new Part(attribute(headers, "name"), attribute(headers, "filename"), data));
                at = next;
            }
            return parts;
        }

        private static String attribute(String headers, String key) {
            String needle = key + "=\"";
            int i = headers.indexOf(needle);
            if (i < 0) {
                return null;
            }
            int end = headers.indexOf('"', i + needle.length());
            return end < 0 ? null : headers.substring(i + needle.length(), end);
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** A PCM16 WAV's length and loudest sample; null when it is not one. */
    private record Wav(long millis, int peak) {
        static Wav read(byte[] file) {
            if (file.length < 44 || !new String(file, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            int rate = 0;
            int channels = 1;
            int at = 12;
            while (at + 8 <= file.length) {
                String id = new String(file, at, 4, StandardCharsets.US_ASCII);
                int size = b.getInt(at + 4);
                if (id.equals("fmt ")) {
                    channels = b.getShort(at + 10);
                    rate = b.getInt(at + 12);
                } else if (id.equals("data") && rate > 0) {
                    int end = Math.min(file.length, at + 8 + size);
                    int peak = 0;
                    for (int i = at + 8; i + 1 < end; i += 2) {
                        peak = Math.max(peak, Math.abs(b.getShort(i)));
                    }
                    return new Wav((end - at - 8) / 2L * 1000 / rate / channels, peak);
                }
                at += 8 + size + (size & 1);
            }
            return null;
        }
    }
}
