package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * Mints Realtime client secrets with {@code POST /v1/realtime/client_secrets}. The server key stays here; only the
 * short-lived secret goes to the app. Thread-safe; retries like {@link ModerationClient} (a retried mint at worst
 * leaves an unused secret that expires on its own).
 */
public final class ClientSecretsClient {
    private final OpenAiHttp http;

    public ClientSecretsClient(OpenAiHttp http) {
        this.http = http;
    }

    /**
     * @throws OpenAiUnavailableException OpenAI could not answer
     * @throws OpenAiTimeoutException     no answer within the timeout
     * @throws OpenAiRequestException     OpenAI refused the request (a bad key, say)
     */
    public ClientSecret mint(ClientSecretRequest request) {
        byte[] body;
        try {
            body = http.json().writeValueAsBytes(body(request));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the request", e);
        }
        long deadline = http.newDeadline();
        return http.withRetries(() -> attempt(body, deadline));
    }

    /** The GA request: the session, and how long the secret opens connections. */
    private ObjectNode body(ClientSecretRequest request) {
        ObjectNode root = http.json().createObjectNode();
        root.putObject("expires_after").put("anchor", "created_at").put("seconds", request.ttl().toSeconds());
        root.set("session", session(request));
        return root;
    }

    /**
     * The realtime session a request describes: push-to-talk (turn detection off), the user's audio transcribed,
     * the registry's tools. A minted secret carries it; the relay sends it as {@code session.update}.
     */
    public static ObjectNode session(ClientSecretRequest request) {
        ObjectNode session = JsonNodeFactory.instance.objectNode().put("type", "realtime").put("model", request.model())
                .put("instructions", request.instructions());
        session.putArray("output_modalities").add("audio");
        ObjectNode audio = session.putObject("audio");
        ObjectNode input = audio.putObject("input");
        input.putObject("transcription").put("model", request.transcriptionModel());
        input.putNull("turn_detection");
        audio.putObject("output").put("voice", request.voice());
        if (!request.tools().isEmpty()) {
            session.putArray("tools").addAll(request.tools());
            session.put("tool_choice", "auto");
        }
        return session;
    }

    private ClientSecret attempt(byte[] body, long deadline) {
        return http.post("/v1/realtime/client_secrets", body, deadline, request -> request,
                source -> parse(source.readByteArray()), () -> false);
    }

    private ClientSecret parse(byte[] body) {
        try {
            JsonNode answer = http.json().readTree(body);
            // GA answers {value, expires_at}; the beta shape nested them under client_secret.
            JsonNode secret = answer.has("value") ? answer : answer.path("client_secret");
            if (!secret.path("value").isTextual() || !secret.path("expires_at").canConvertToLong()) {
                throw new RetryableFailure("client secret answer without value or expires_at", null, null);
            }
            return new ClientSecret(secret.path("value").asText(),
                    Instant.ofEpochSecond(secret.path("expires_at").asLong()));
        } catch (IOException e) {
            throw new RetryableFailure("unreadable client secret answer", null, e);
        }
    }
}
