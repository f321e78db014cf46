package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import donna.backend.config.BackendConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every OpenAI call shares: one OkHttp client (HTTP/1.1, pooled connections), one {@link ObjectMapper}, the
 * auth header, the retry policy, deadlines and the mapping of failures to {@link OpenAiException}s. Thread-safe;
 * create one per service and share it between the clients.
 *
 * <p>Calls are blocking and run on the caller's thread (a request thread of the service): the request is written
 * and the answer read there, with no hand-off to selector or worker threads and no chain of futures. That takes
 * about a third of the service's CPU per chat turn off compared with the JDK's asynchronous client
 * (docs/performance.md). Jetty's client measured the same, but broke the server's graceful stop in this process.
 */
public final class OpenAiHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiHttp.class);
    private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SOCKET_PING = Duration.ofSeconds(20);
    private static final MediaType JSON = MediaType.get("application/json");
    /** Error bodies are read for their message only; a huge one is cut. */
    private static final long MAX_ERROR_BODY = 64 * 1024;
    // OpenAI echoes (masked) keys in some errors; take out anything key-shaped as well as our own key.
    private static final Pattern KEY_SHAPED = Pattern.compile("sk-[A-Za-z0-9_*\\-]{6,}");

    private final BackendConfig.OpenAi config;
    /**
     * Built at the first call, not with the service: building it loads the TLS stack and the trust store (~600
     * classes, ~2 MB), which an idle desktop app never needs (docs/performance.md, memory).
     */
    private volatile OkHttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final FailsafeExecutor<Object> retries;
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();
    private final String authorization;
    private final String apiKey;
    private final long timeoutNanos;
    private final long idleNanos;

    public OpenAiHttp(BackendConfig.OpenAi config) {
        this(config, RetrySettings.defaults(), DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * @param idleTimeout a stream with no data for this long fails as a timeout (capped by the total timeout)
     */
    public OpenAiHttp(BackendConfig.OpenAi config, RetrySettings retry, Duration idleTimeout) {
        this.config = config;
        this.apiKey = config.apiKey().filter(k -> !k.isBlank()).orElse(null);
        this.authorization = apiKey == null ? null : "Bearer " + apiKey;
        this.timeoutNanos = config.timeout().toNanos();
        this.idleNanos = Math.min(idleTimeout.toNanos(), timeoutNanos);
        this.retries = Failsafe.with(retryPolicy(retry, config.timeout()));
    }

    private OkHttpClient client() {
        OkHttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = newClient();
                    client = built;
                }
            }
        }
        return built;
    }

    private OkHttpClient newClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(config.timeout())
                // The idle timeout: every read (headers, each piece of a stream) must see data within it.
                .readTimeout(Duration.ofNanos(idleNanos))
                .writeTimeout(Duration.ofNanos(idleNanos))
                // Retries are Failsafe's alone, so they stay bounded and visible.
                .retryOnConnectionFailure(false)
                // Every request thread may hold a connection: keep them, or a busy service reconnects all the time.
                .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
                .socketFactory(new NoDelaySockets())
                .build();
    }

    /**
     * Opens the Realtime API's WebSocket ({@code /v1/realtime?model=}) with the service's own key, for the relay.
     * The key stays here. Its client reads without a timeout (a session is quiet between turns) and pings so a dead
     * connection is noticed.
     *
     * @throws IllegalStateException when the service has no key
     */
    public okhttp3.WebSocket realtimeSocket(okhttp3.WebSocketListener listener) {
        if (authorization == null) {
            throw new IllegalStateException("no OpenAI key");
        }
        HttpUrl url = HttpUrl.get(config.baseUrl().toString()).newBuilder().addPathSegments("v1/realtime")
                .addQueryParameter("model", config.realtimeModel()).build();
        Request request = new Request.Builder().url(url).header("Authorization", authorization).build();
        return socketClient().newWebSocket(request, listener);
    }

    private volatile OkHttpClient sockets;

    private OkHttpClient socketClient() {
        OkHttpClient built = sockets;
        if (built == null) {
            synchronized (this) {
                built = sockets;
                if (built == null) {
                    built = client().newBuilder().readTimeout(Duration.ZERO).pingInterval(SOCKET_PING).build();
                    sockets = built;
                }
            }
        }
        return built;
    }

    BackendConfig.OpenAi config() {
        return config;
    }

    ObjectMapper json() {
        return json;
    }

    /** Reads the body of a 200 answer on the caller's thread. */
    @FunctionalInterface
    interface Answer<T> {
        T read(BufferedSource body) throws IOException;
    }

    /**
     * One attempt of a JSON POST to {@code path} under the base URL, with the auth header, bounded by
     * {@code deadline}; the 200 answer goes to {@code answer}, anything else becomes an {@link OpenAiException}.
     * Connection failures are retryable only while {@code forwardedAny} says nothing reached the caller yet.
     */
    <T> T post(String path, byte[] body, long deadline, UnaryOperator<Request.Builder> extra, Answer<T> answer,
            BooleanSupplier forwardedAny) {
        return post(path, RequestBody.create(body, JSON), deadline, extra, answer, forwardedAny);
    }

    /** As above with any body (a multipart upload). */
    <T> T post(String path, RequestBody body, long deadline, UnaryOperator<Request.Builder> extra, Answer<T> answer,
            BooleanSupplier forwardedAny) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw totalTimeout();
        }
        Request.Builder request = new Request.Builder().url(resolve(path)).post(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        Call call = client().newCall(extra.apply(request).build());
        call.timeout().timeout(left, TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
            if (response.code() != 200) {
                throw errorFor(response.code(), response::header, errorBody(response));
            }
            return answer.read(response.body().source());
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new OpenAiUnavailableException("interrupted while waiting for OpenAI", e);
            }
            // A timeout is a timeout, never retried: either the whole call ran out, or the line went quiet.
            throw System.nanoTime() - deadline >= 0 ? totalTimeout() : new OpenAiTimeoutException(
                    "OpenAI sent no data for " + TimeUnit.NANOSECONDS.toMillis(idleNanos) + " ms");
        } catch (IOException e) {
            throw failure(e, forwardedAny.getAsBoolean());
        }
    }

    long newDeadline() {
        return System.nanoTime() + timeoutNanos;
    }

    /** Runs {@code attempt} under the retry policy; a retryable failure left at the end becomes "unavailable". */
    <T> T withRetries(Supplier<T> attempt) {
        try {
            return retries.get(attempt::get);
        } catch (RetryableFailure e) {
            throw new OpenAiUnavailableException("OpenAI is unavailable: " + e.getMessage(), e);
        }
    }

    /** The exception for a non-2xx answer: retryable for 408/409/429/5xx, a request error otherwise. */
    OpenAiException errorFor(int status, UnaryOperator<String> headers, String body) {
        String message = redact(errorMessage(status, body));
        if (status == 408 || status == 409 || status == 429 || status >= 500) {
            return new RetryableFailure("HTTP " + status + ": " + message, retryAfter(headers), null);
        }
        return new OpenAiRequestException(status, message);
    }

    /** Removes the API key (and anything shaped like one) from text that may end up in logs or answers. */
    String redact(String text) {
        if (text == null) {
            return "";
        }
        String out = apiKey != null ? text.replace(apiKey, "[redacted]") : text;
        return out.contains("sk-") ? KEY_SHAPED.matcher(out).replaceAll("[redacted]") : out;
    }

    private OpenAiTimeoutException totalTimeout() {
        return new OpenAiTimeoutException("OpenAI did not answer within " + config.timeout().toMillis() + " ms");
    }

    private static String errorBody(Response response) {
        try {
            return response.peekBody(MAX_ERROR_BODY).string();
        } catch (IOException e) {
            return ""; // the status alone says enough
        }
    }

    private OpenAiException failure(IOException cause, boolean forwardedAny) {
        String message = "connection failed: " + redact(String.valueOf(cause.getMessage()));
        // Text already went to the caller: repeating the call would send it twice.
        return forwardedAny ? new OpenAiUnavailableException("OpenAI stream broke off: " + message, cause)
                : new RetryableFailure(message, null, cause);
    }

    private String errorMessage(int status, String body) {
        try {
            JsonNode message = json.readTree(body).path("error").path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                return message.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through
        }
        return "HTTP " + status;
    }

    /** OpenAI sends {@code retry-after-ms} and {@code retry-after} (seconds); the first wins. */
    static Duration retryAfter(UnaryOperator<String> headers) {
        try {
            String ms = headers.apply("retry-after-ms");
            if (ms != null) {
                return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
            }
            String seconds = headers.apply("retry-after");
            if (seconds != null) {
                return Duration.ofMillis((long) (Double.parseDouble(seconds.trim()) * 1000));
            }
        } catch (NumberFormatException e) {
            // an HTTP date or garbage: use our own backoff
        }
        return null;
    }

    private HttpUrl resolve(String path) {
        return urls.computeIfAbsent(path, p -> {
            String base = config.baseUrl().toString();
            return HttpUrl.get(base.endsWith("/") ? base.substring(0, base.length() - 1) + p : base + p);
        });
    }

    private static RetryPolicy<Object> retryPolicy(RetrySettings retry, Duration timeout) {
        RetryPolicyBuilder<Object> builder = RetryPolicy.builder()
                .handle(RetryableFailure.class)
                .withMaxAttempts(retry.maxAttempts())
                // Delays never run past the call's timeout; after it, no more attempts.
                .withMaxDuration(timeout)
                .withDelayFnOn(ctx -> {
                    Duration after = ((RetryableFailure) ctx.getLastException()).retryAfter();
                    // Negative: no Retry-After, so Failsafe uses the backoff below.
                    return after == null ? Duration.ofNanos(-1) : min(after, retry.maxRetryAfter());
                }, RetryableFailure.class)
                .onRetry(e -> LOG.info("OpenAI call failed (attempt {}), retrying: {}", e.getAttemptCount(),
                        e.getLastException() == null ? "" : e.getLastException().getMessage()));
        if (retry.initialDelay().compareTo(retry.maxDelay()) < 0 && !retry.initialDelay().isZero()) {
            builder.withBackoff(retry.initialDelay(), retry.maxDelay());
        } else {
            builder.withDelay(retry.initialDelay());
        }
        if (retry.jitter() > 0) {
            builder.withJitter(retry.jitter());
        }
        return builder.build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
