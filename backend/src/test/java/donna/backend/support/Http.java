package donna.backend.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A small HTTP client for talking to the service under test the way any outside caller would. */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public Http(URI base) {
        this.base = base;
    }

    public Response get(String path, String... headers) {
        return send(b -> b.GET(), path, headers);
    }

    public Response post(String path, String body, String... headers) {
        return send(b -> b.POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"),
                path, headers);
    }

    public Response send(UnaryOperator<HttpRequest.Builder> method, String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(method.apply(builder).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(HttpResponse<String> raw) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        /** The error code of the standard envelope, after checking the envelope's shape. */
        public String errorCode() {
            JsonNode json = json();
            if (!json.path("success").isBoolean() || json.path("success").asBoolean()
                    || !json.path("error").path("traceId").isTextual()
                    || !json.path("error").path("message").isTextual()) {
                throw new AssertionError("not an error envelope: " + raw.body());
            }
            if (!json.path("error").path("traceId").asText().equals(header("X-Trace-Id"))) {
                throw new AssertionError("traceId differs from X-Trace-Id: " + raw.body());
            }
            return json.path("error").path("code").asText();
        }
    }
}
