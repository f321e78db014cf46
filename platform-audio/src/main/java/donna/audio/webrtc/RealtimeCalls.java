package donna.audio.webrtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.voice.RealtimeTransportException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The one HTTP step of a WebRTC connect: {@code POST {base}/v1/realtime/calls} with the SDP offer, the ephemeral
 * secret as bearer token, and the SDP answer in the reply (the call id in {@code Location}). Failures become a
 * readable {@link RealtimeTransportException}; the secret never appears in one.
 */
final class RealtimeCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One client for the process: connections to the API are pooled across reconnects. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** The answer and where the call lives. */
    record Answer(String sdp, String location) {}

    private RealtimeCalls() {}

    static Answer post(String base, String clientSecret, String offerSdp, Duration timeout) {
        URI uri = URI.create(base + "/v1/realtime/calls");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(positive(timeout))
                .header("Authorization", "Bearer " + clientSecret).header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(offerSdp)).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RealtimeTransportException("the realtime service at " + base + " did not answer the call in "
                    + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new RealtimeTransportException("could not reach the realtime service at " + base + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RealtimeTransportException("interrupted while calling the realtime service", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new RealtimeTransportException("the realtime service refused the call (HTTP " + response.statusCode()
                    + errorMessage(response.body()) + ")");
        }
        if (!response.body().startsWith("v=")) {
            throw new RealtimeTransportException("the realtime service answered the call without an SDP answer");
        }
        return new Answer(response.body(), response.headers().firstValue("Location").orElse(null));
    }

    /** OpenAI's {@code {"error":{"message"}}}, when the body is that. */
    private static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            return message.isTextual() ? ": " + message.asText() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Duration positive(Duration timeout) {
        return timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
    }
}
