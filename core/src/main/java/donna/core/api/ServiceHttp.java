package donna.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.ServiceError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP plumbing under {@link BackendClient}: who is asking (bearer token, acting user), JSON in and out, the
 * service's error envelope turned into {@link ServiceException}s, and retries of GETs (idempotent) on connection
 * failures and 503. Everything else is the typed calls in {@link BackendClient}.
 */
final class ServiceHttp {
    private static final Logger log = LoggerFactory.getLogger(ServiceHttp.class);
    private static final String JSON = "application/json";

    private final URI baseUri;
    private final Supplier<Optional<String>> token;
    private final Optional<String> user;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final RetryPolicy.Sleeper sleeper;
    private final Duration requestTimeout;
    private final ObjectMapper json = new ObjectMapper();

    ServiceHttp(URI baseUri, Supplier<Optional<String>> token, Optional<String> user, HttpClient http,
            RetryPolicy retry, RetryPolicy.Sleeper sleeper, Duration requestTimeout) {
        this.baseUri = baseUri;
        this.token = token;
        this.user = user;
        this.http = http;
        this.retry = retry;
        this.sleeper = sleeper;
        this.requestTimeout = requestTimeout;
    }

    ObjectMapper json() {
        return json;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery)).timeout(requestTimeout);
        token.get().filter(t -> !t.isBlank()).ifPresent(t -> b.header("Authorization", "Bearer " + t));
        user.ifPresent(u -> b.header("X-Donna-User", u));
        return b;
    }

    JsonNode get(String pathAndQuery) {
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= retry.maxAttempts();
            HttpRequest req = request(pathAndQuery).header("Accept", JSON).GET().build();
            try {
                HttpResponse<String> response = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503 || last) {
                    return handle(response);
                }
                log.debug("GET {} answered 503, attempt {} of {}", path(pathAndQuery), attempt, retry.maxAttempts());
            } catch (IOException e) {
                if (last) {
                    throw ServiceException.unreachable(e.getClass().getSimpleName(), e);
                }
                log.debug("GET {} failed ({}), attempt {} of {}", path(pathAndQuery), e.toString(), attempt,
                        retry.maxAttempts());
            } catch (InterruptedException e) {
                throw cancelled(e);
            }
            try {
                sleeper.sleep(retry.backoffAfter(attempt));
            } catch (InterruptedException e) {
                throw cancelled(e);
            }
        }
    }

    /** {@code headers}: extra name, value pairs. */
    JsonNode send(String method, String path, JsonNode body, String... headers) {
        HttpRequest.Builder b = request(path).header("Accept", JSON);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            b.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return handle(exchange(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(req, handler);
        } catch (IOException e) {
            throw ServiceException.unreachable(e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            throw cancelled(e);
        }
    }

    private JsonNode handle(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), response.body(), response);
        }
        String body = response.body();
        return body == null || body.isBlank() ? json.createObjectNode() : read(body);
    }

    ServiceException failure(int status, String body, HttpResponse<?> response) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        ServiceError error = Wire.error(status, tree, traceId(response));
        if (error == null) {
            error = new ServiceError(status, "http_" + status, "The service answered HTTP " + status,
                    traceId(response));
        }
        log.debug("{} {} failed: {} {} (trace {})", response.request().method(), path(response.uri().getPath()),
                error.status(), error.code(), error.traceId());
        return new ServiceException(error, null, retryAfter(response));
    }

    /** Retry-After in seconds (the service never sends the HTTP-date form). */
    private static Duration retryAfter(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("Retry-After").map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
                    .orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String traceId(HttpResponse<?> response) {
        return response.headers().firstValue("X-Trace-Id").orElse(null);
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ServiceException(new ServiceError(502, "invalid_response",
                    "The service sent an answer the app could not read", null), e);
        }
    }

    String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceException cancelled(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ServiceException(new ServiceError(0, "cancelled", "The request was cancelled", null), e);
    }

    /** Paths only in logs: queries carry what people search for. */
    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}
