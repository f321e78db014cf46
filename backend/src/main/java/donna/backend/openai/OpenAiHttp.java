package donna.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import donna.backend.config.BackendConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every OpenAI call shares: one {@link HttpClient} (HTTP/1.1, pooled connections), one {@link ObjectMapper},
 * the auth header, the retry policy, deadlines and the mapping of failures to {@link OpenAiException}s. Thread-safe;
 * create one per service and share it between the clients.
 */
public final class OpenAiHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiHttp.class);
    private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(20);
    // OpenAI echoes (masked) keys in some errors; take out anything key-shaped as well as our own key.
    private static final Pattern KEY_SHAPED = Pattern.compile("sk-[A-Za-z0-9_*\\-]{6,}");

    private final BackendConfig.OpenAi config;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final FailsafeExecutor<Object> retries;
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
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout()).build();
        this.retries = Failsafe.with(retryPolicy(retry, config.timeout()));
    }

    BackendConfig.OpenAi config() {
        return config;
    }

    ObjectMapper json() {
        return json;
    }

    HttpClient client() {
        return client;
    }

    /** A JSON POST to {@code path} under the base URL, with the auth header. */
    HttpRequest.Builder post(String path, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/json")
                .timeout(config.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
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

    /**
     * Waits for {@code outcome} without ever hanging: past the deadline, or with no data for the idle timeout, the
     * call is cancelled and fails as a timeout. Connection failures are retryable only while nothing was forwarded.
     */
    <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> call, CompletableFuture<HttpResponse<T>> outcome,
            Progress progress, long deadline) {
        while (true) {
            long now = System.nanoTime();
            long left = deadline - now;
            long idleLeft = progress.lastActivityNanos() + idleNanos - now;
            if (left <= 0 || idleLeft <= 0) {
                call.cancel(true);
                progress.abort();
                throw new OpenAiTimeoutException(left <= 0
                        ? "OpenAI did not answer within " + config.timeout().toMillis() + " ms"
                        : "OpenAI sent no data for " + TimeUnit.NANOSECONDS.toMillis(idleNanos) + " ms");
            }
            try {
                return outcome.get(Math.min(left, idleLeft), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // loop: re-check the deadline and the idle clock, which data may have reset meanwhile
            } catch (InterruptedException e) {
                call.cancel(true);
                progress.abort();
                Thread.currentThread().interrupt();
                throw new OpenAiUnavailableException("interrupted while waiting for OpenAI", e);
            } catch (ExecutionException | CancellationException e) {
                throw failure(e instanceof ExecutionException ? e.getCause() : e, progress.forwardedAny());
            }
        }
    }

    /** The exception for a non-2xx answer: retryable for 408/409/429/5xx, a request error otherwise. */
    OpenAiException errorFor(int status, HttpHeaders headers, String body) {
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

    private RuntimeException failure(Throwable cause, boolean forwardedAny) {
        if (cause instanceof StreamAbort abort) {
            return abort.failure(); // the caller's own consumer failed, or the stream said it failed
        }
        if (cause instanceof OpenAiException known) {
            return known;
        }
        if (cause instanceof HttpTimeoutException) {
            return new OpenAiTimeoutException("OpenAI did not answer within " + config.timeout().toMillis() + " ms");
        }
        String what = cause instanceof IOException ? "connection failed" : "call failed";
        String message = what + ": " + redact(String.valueOf(cause.getMessage()));
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
    static Duration retryAfter(HttpHeaders headers) {
        try {
            var ms = headers.firstValue("retry-after-ms");
            if (ms.isPresent()) {
                return Duration.ofMillis((long) Double.parseDouble(ms.get().trim()));
            }
            var seconds = headers.firstValue("retry-after");
            if (seconds.isPresent()) {
                return Duration.ofMillis((long) (Double.parseDouble(seconds.get().trim()) * 1000));
            }
        } catch (NumberFormatException e) {
            // an HTTP date or garbage: use our own backoff
        }
        return null;
    }

    private URI resolve(String path) {
        String base = config.baseUrl().toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
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
    public void close() {
        client.close();
    }

    /** How far one call got: for the idle timeout and for deciding whether a failure may be retried. */
    interface Progress {
        long lastActivityNanos();

        boolean forwardedAny();

        /** Stop delivering: the call was cancelled. */
        void abort();

        /** A call answered in one piece: idle since it started, nothing forwarded, nothing to stop. */
        static Progress startedNow() {
            long started = System.nanoTime();
            return new Progress() {
                @Override
                public long lastActivityNanos() {
                    return started;
                }

                @Override
                public boolean forwardedAny() {
                    return false;
                }

                @Override
                public void abort() {}
            };
        }
    }

    /** Ends a stream early with a given failure (the consumer threw, or the stream reported an error). */
    static final class StreamAbort extends RuntimeException {
        private final transient RuntimeException failure;

        StreamAbort(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }

        RuntimeException failure() {
            return failure;
        }
    }
}
