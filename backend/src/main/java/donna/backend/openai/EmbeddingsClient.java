package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;

/**
 * Embeds text with {@code POST /v1/embeddings} ({@code {"model","input"}} in, {@code {"data":[{"embedding":[...],
 * "index":0}],"model","usage"}} out). Thread-safe; retries like {@link ResponsesClient}.
 */
public final class EmbeddingsClient {
    public static final String DEFAULT_MODEL = "text-embedding-3-small";

    /** One embedding and the model that made it. */
    public record Embedding(String model, float[] vector) {}

    private final OpenAiHttp http;
    private final String model;

    public EmbeddingsClient(OpenAiHttp http) {
        this(http, DEFAULT_MODEL);
    }

    public EmbeddingsClient(OpenAiHttp http, String model) {
        this.http = http;
        this.model = model;
    }

    public String model() {
        return model;
    }

    /**
     * @throws OpenAiUnavailableException OpenAI could not answer
     * @throws OpenAiTimeoutException     no answer within the timeout
     * @throws OpenAiRequestException     OpenAI refused the request (too long an input, a bad key)
     */
    public Embedding embed(String text) {
        byte[] body;
        try {
            body = http.json().writeValueAsBytes(Map.of("model", model, "input", text, "encoding_format", "float"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the request", e);
        }
        long deadline = http.newDeadline();
        return http.withRetries(() -> http.post("/v1/embeddings", body, deadline, request -> request,
                source -> parse(source.readByteArray()), () -> false));
    }

    private Embedding parse(byte[] body) {
        JsonNode answer;
        try {
            answer = http.json().readTree(body);
        } catch (IOException e) {
            throw new RetryableFailure("unreadable embeddings answer", null, e);
        }
        JsonNode vector = answer.path("data").path(0).path("embedding");
        if (!vector.isArray() || vector.isEmpty()) {
            throw new RetryableFailure("embeddings answer without an embedding", null, null);
        }
        float[] out = new float[vector.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) vector.get(i).asDouble();
        }
        return new Embedding(answer.path("model").asText(model), out);
    }
}
