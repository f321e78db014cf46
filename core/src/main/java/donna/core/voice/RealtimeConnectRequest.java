package donna.core.voice;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a transport needs to open a realtime connection.
 *
 * @param baseUrl      OPENAI_BASE_URL, e.g. {@code https://api.openai.com} (paths start {@code /v1/})
 * @param model        the realtime model the secret was minted for
 * @param clientSecret the ephemeral {@code ek_...} secret: never logged
 * @param timeout      how long connecting may take before it fails
 * @param continuing   the service's metered voice session a connection that opens its own (GPT-Live's) continues:
 *                     the dropped connection's on a reconnect; null for a new one
 */
public record RealtimeConnectRequest(URI baseUrl, String model, String clientSecret, Duration timeout,
        String continuing) {
    public RealtimeConnectRequest {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A request that continues no metered session. */
    public RealtimeConnectRequest(URI baseUrl, String model, String clientSecret, Duration timeout) {
        this(baseUrl, model, clientSecret, timeout, null);
    }

    /** The base URL without a trailing slash, so {@code base + "/v1/..."} is always one slash. */
    public String base() {
        return baseUrl.toString().replaceAll("/+$", "");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "RealtimeConnectRequest[baseUrl=" + baseUrl + ", model=" + model + ", timeout=" + timeout
                + ", continuing=" + continuing + "]";
    }
}
