package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Checks text with {@code POST /v1/moderations}. Thread-safe; retries like {@link ResponsesClient}. */
public final class ModerationClient {
    public static final String DEFAULT_MODEL = "omni-moderation-latest";

    private final OpenAiHttp http;
    private final String model;

    public ModerationClient(OpenAiHttp http) {
        this(http, DEFAULT_MODEL);
    }

    public ModerationClient(OpenAiHttp http, String model) {
        this.http = http;
        this.model = model;
    }

    /**
     * @throws OpenAiUnavailableException OpenAI could not answer
     * @throws OpenAiTimeoutException     no answer within the timeout
     * @throws OpenAiRequestException     OpenAI refused the request
     */
    public ModerationResult check(String text) {
        byte[] body;
        try {
            body = http.json().writeValueAsBytes(Map.of("model", model, "input", text));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the request", e);
        }
        long deadline = http.newDeadline();
        return http.withRetries(() -> attempt(body, deadline));
    }

    private ModerationResult attempt(byte[] body, long deadline) {
        return http.post("/v1/moderations", body, deadline, request -> request,
                source -> parse(source.readByteArray()), () -> false);
    }

    private ModerationResult parse(byte[] body) {
        JsonNode result;
        try {
            result = http.json().readTree(body).path("results").path(0);
        } catch (IOException e) {
            throw new RetryableFailure("unreadable moderation answer", null, e);
        }
        if (result.isMissingNode()) {
            throw new RetryableFailure("moderation answer without results", null, null);
        }
        Set<String> categories = new LinkedHashSet<>();
        result.path("categories").properties().forEach(e -> {
            if (e.getValue().asBoolean(false)) {
                categories.add(e.getKey());
            }
        });
        return new ModerationResult(result.path("flagged").asBoolean(false), categories);
    }
}
