package donna.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.ServiceError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP plumbing under {@link BackendClient}: who is asking (bearer token, acting user), JSON in and out, the
 * service's error envelope turned into {@link ServiceException}s, and retries of GETs (idempotent) on connection
 * failures and 503. Everything else is the typed calls in {@link BackendClient}.
 *
 * <p>Calls are OkHttp's blocking calls on the caller's thread (the client: {@link ServiceConnections}), each bounded
 * by its own total timeout. An interrupt of the calling thread cancels the call (status 0, {@code cancelled}).
 */
final class ServiceHttp {
    private static final Logger log = LoggerFactory.getLogger(ServiceHttp.class);
    private static final String JSON = "application/json";
    private static final MediaType JSON_TYPE = MediaType.get(JSON);
    private static final RequestBody NO_BODY = RequestBody.create(new byte[0], null);

    private final URI baseUri;
    private final Supplier<Optional<String>> token;
    private final Optional<String> user;
    private final OkHttpClient http;
    private final RetryPolicy retry;
    private final RetryPolicy.Sleeper sleeper;
    private final Duration requestTimeout;
    private final ObjectMapper json = new ObjectMapper();

    ServiceHttp(URI baseUri, Supplier<Optional<String>> token, Optional<String> user, OkHttpClient http,
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

    /** A request to {@code pathAndQuery} under the base URI, with the token (asked now) and the acting user. */
    Request.Builder request(String pathAndQuery) {
        Request.Builder b = new Request.Builder().url(baseUri + pathAndQuery);
        token.get().filter(t -> !t.isBlank()).ifPresent(t -> b.header("Authorization", "Bearer " + t));
        user.ifPresent(u -> b.header("X-Donna-User", u));
        return b;
    }

    JsonNode get(String pathAndQuery) {
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= retry.maxAttempts();
            Request req = request(pathAndQuery).header("Accept", JSON).get().build();
            try (Response response = execute(req, requestTimeout)) {
                if (response.code() != 503 || last) {
                    return handle(response);
                }
                log.debug("GET {} answered 503, attempt {} of {}", path(pathAndQuery), attempt, retry.maxAttempts());
            } catch (IOException e) {
                if (last || Thread.currentThread().isInterrupted()) {
                    throw failed(e);
                }
                log.debug("GET {} failed ({}), attempt {} of {}", path(pathAndQuery), e.toString(), attempt,
                        retry.maxAttempts());
            }
            try {
                sleeper.sleep(retry.backoffAfter(attempt));
            } catch (InterruptedException e) {
                throw cancelled(e);
            }
        }
    }

    /** {@code headers}: extra name, value pairs. Never retried. */
    JsonNode send(String method, String path, JsonNode body, String... headers) {
        Request.Builder b = request(path).header("Accept", JSON);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? NO_BODY : jsonBody(body));
        try (Response response = execute(b.build(), requestTimeout)) {
            return handle(response);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    RequestBody jsonBody(JsonNode body) {
        // Bytes, so the Content-Type stays "application/json" (a String body would get "; charset=utf-8" added).
        return RequestBody.create(write(body).getBytes(StandardCharsets.UTF_8), JSON_TYPE);
    }

    /** Runs {@code req} within {@code timeout} (connecting, sending and reading the whole answer); the caller closes. */
    private Response execute(Request req, Duration timeout) throws IOException {
        Call call = http.newCall(req);
        call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return call.execute();
    }

    /** As {@link #execute}, an I/O failure being a {@link ServiceException}. */
    Response exchange(Request req, Duration timeout) {
        try {
            return execute(req, timeout);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** An I/O failure of a call: cancelled when the calling thread was interrupted, else unreachable. */
    static ServiceException failed(IOException e) {
        return failed(e, e instanceof InterruptedIOException ? "timed out" : e.getClass().getSimpleName());
    }

    static ServiceException failed(IOException e, String detail) {
        return Thread.currentThread().isInterrupted() ? cancelled(e) : ServiceException.unreachable(detail, e);
    }

    private JsonNode handle(Response response) throws IOException {
        String body = response.body().string();
        if (!response.isSuccessful()) {
            throw failure(response.code(), body, response);
        }
        return body.isBlank() ? json.createObjectNode() : read(body);
    }

    ServiceException failure(int status, String body, Response response) {
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
        log.debug("{} {} failed: {} {} (trace {})", response.request().method(),
                response.request().url().encodedPath(), error.status(), error.code(), error.traceId());
        return new ServiceException(error, null, retryAfter(response));
    }

    /** Retry-After in seconds (the service never sends the HTTP-date form). */
    private static Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String traceId(Response response) {
        return response.header("X-Trace-Id");
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

    private static ServiceException cancelled(Exception e) {
        Thread.currentThread().interrupt();
        return new ServiceException(new ServiceError(0, "cancelled", "The request was cancelled", null), e);
    }

    /** Paths only in logs: queries carry what people search for. */
    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}
