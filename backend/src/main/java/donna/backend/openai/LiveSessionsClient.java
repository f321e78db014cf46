package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Creates GPT-Live WebRTC sessions with {@code POST /v1/live/sessions}: the service's project key, the session
 * configuration and the app's SDP offer in; the session id and the SDP answer out. The key never leaves the service
 * (Live takes no ephemeral client keys). Retries like the other calls: a failed create made no session.
 */
public final class LiveSessionsClient {
    public static final String PATH = "/v1/live/sessions";

    private final OpenAiHttp http;

    public LiveSessionsClient(OpenAiHttp http) {
        this.http = http;
    }

    /** A created session: its id ({@code live_...}) and the SDP answer for the app's peer. */
    public record Created(String sessionId, String answerSdp) {}

    /**
     * @param session the strict session configuration (model, instructions, delegation, ...)
     * @throws OpenAiUnavailableException OpenAI could not answer
     * @throws OpenAiTimeoutException     no answer within the timeout
     * @throws OpenAiRequestException     OpenAI refused (403: the account has no GPT-Live access)
     */
    public Created create(ObjectNode session, String offerSdp) {
        ObjectNode root = http.json().createObjectNode();
        root.set("session", session);
        root.putObject("transport").put("type", "webrtc").put("sdp", offerSdp);
        byte[] body;
        try {
            body = http.json().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the request", e);
        }
        long deadline = http.newDeadline();
        return http.withRetries(() -> http.post(PATH, body, deadline, request -> request,
                source -> parse(source.readByteArray()), () -> false));
    }

    private Created parse(byte[] body) {
        try {
            JsonNode answer = http.json().readTree(body);
            JsonNode id = answer.path("session").path("id");
            JsonNode sdp = answer.path("transport").path("sdp");
            if (!id.isTextual() || !sdp.isTextual() || sdp.asText().isBlank()) {
                throw new RetryableFailure("Live session answer without session.id or transport.sdp", null, null);
            }
            return new Created(id.asText(), sdp.asText());
        } catch (IOException e) {
            throw new RetryableFailure("unreadable Live session answer", null, e);
        }
    }
}
