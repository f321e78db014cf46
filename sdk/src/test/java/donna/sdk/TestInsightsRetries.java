package donna.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which answers are retried, how long the waits are, and that the key never shows. */
class TestInsightsRetries {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final String KEY = "dk_abcdefgh_do-not-log-this-secret";

    private StandInService service;
    /** The sender's waits, recorded instead of sat through. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        service = new StandInService();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private Insights.Builder sdk() {
        return Insights.builder().apiKey(KEY).baseUrl(service.base()).linger(Duration.ZERO)
                .sleeper(waits::add).random(new Random(7));
    }

    private static Conversation one() {
        return Conversation.builder("retry-1").user("Where is my order?", T).build();
    }

    @Test
    void a_429_waits_as_long_as_its_retry_after_says() {
        service.answer(429, Map.of("Retry-After", "3"), "{\"success\":false,\"error\":{\"code\":\"rate_limited\"}}");
        try (Insights insights = sdk().initialBackoff(Duration.ofMillis(10)).build()) {
            insights.track(one());
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(waits).containsExactly(Duration.ofSeconds(3));
            assertThat(service.requests()).hasSize(2);
            assertThat(insights.stats()).isEqualTo(new Stats(1, 1, 0, 0, 1, 0));
        }
    }

    @Test
    void server_errors_are_retried_with_growing_jittered_waits() {
        service.answer(503).answer(502).answer(500);
        try (Insights insights = sdk().initialBackoff(Duration.ofMillis(400)).build()) {
            insights.track(one());
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(service.requests()).hasSize(4);
            assertThat(insights.stats().sent()).isEqualTo(1);
            assertThat(insights.stats().retries()).isEqualTo(3);
        }
        // Equal jitter: half of each step fixed, half random: 400 ms, 800 ms, 1.6 s.
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0).toMillis()).isBetween(200L, 400L);
        assertThat(waits.get(1).toMillis()).isBetween(400L, 800L);
        assertThat(waits.get(2).toMillis()).isBetween(800L, 1_600L);
    }

    @Test
    void the_backoff_is_capped_and_its_jitter_varies() {
        Backoff backoff = new Backoff(20, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5),
                new Random(1));
        assertThat(backoff.next(15, Optional.empty()).orElseThrow()).isBetween(Duration.ofSeconds(15),
                Duration.ofSeconds(30));
        assertThat(java.util.stream.IntStream.range(0, 20).mapToObj(i -> backoff.next(3, Optional.empty())
                .orElseThrow()).distinct().count()).isGreaterThan(5);
        assertThat(backoff.next(20, Optional.empty())).isEmpty();
        // A Retry-After longer than the backoff wins; one beyond the limit ends the retries.
        assertThat(backoff.next(1, Optional.of(Duration.ofSeconds(9)))).contains(Duration.ofSeconds(9));
        assertThat(backoff.next(1, Optional.of(Duration.ofMinutes(6)))).isEmpty();
    }

    @Test
    void retry_after_is_read_as_seconds_or_an_http_date() {
        assertThat(Sender.retryAfter("120")).contains(Duration.ofSeconds(120));
        assertThat(Sender.retryAfter("soon")).isEmpty();
        assertThat(Sender.retryAfter("-1")).isEmpty();
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(Sender.retryAfter(inAMinute).orElseThrow()).isBetween(Duration.ofSeconds(55),
                Duration.ofSeconds(60));
        assertThat(Sender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void a_refusal_is_never_retried() {
        service.answer(400, Map.of(), "{\"success\":false,\"error\":{\"code\":\"validation_failed\","
                + "\"message\":\"messages[0].timestamp: an ISO-8601 time\"}}");
        service.answer(401, Map.of(), "{\"success\":false,\"error\":{\"code\":\"unauthorized\"}}");
        try (Insights insights = sdk().build()) {
            insights.track(Conversation.builder("bad").user("hi", T).build());
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(insights.lastError()).isEqualTo(
                    "HTTP 400 validation_failed: messages[0].timestamp: an ISO-8601 time");
            insights.track(Conversation.builder("unauthorised").user("hi", T).build());
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(insights.lastError()).isEqualTo("HTTP 401 unauthorized");
            assertThat(insights.stats()).isEqualTo(new Stats(2, 0, 2, 0, 0, 0));
        }
        assertThat(service.requests()).hasSize(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void a_service_that_cannot_be_reached_is_retried_then_given_up() throws IOException {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (Insights insights = sdk().baseUrl(nobody).maxAttempts(3).build()) {
            insights.track(one());
            assertThat(insights.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(insights.stats()).isEqualTo(new Stats(1, 0, 1, 0, 2, 0));
            assertThat(insights.lastError()).startsWith("I/O error: ").endsWith("(after 3 attempts)");
        }
        assertThat(waits).hasSize(2);
    }

    @Test
    void the_key_is_never_logged_nor_shown() {
        Logger logger = Logger.getLogger("donna.sdk.Insights");
        List<String> lines = new CopyOnWriteArrayList<>();
        SimpleFormatter format = new SimpleFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(format.format(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        try {
            service.answer(401, Map.of(), "{\"success\":false,\"error\":{\"code\":\"unauthorized\"}}");
            Insights.Builder builder = sdk();
            try (Insights insights = builder.build()) {
                insights.track(one());
                assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();
                assertThat(insights.toString()).doesNotContain(KEY).contains("failed=1");
                assertThat(builder.toString()).doesNotContain(KEY).contains("key set");
            }
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).contains("retry-1", "HTTP 401").doesNotContain(KEY).doesNotContain("abcdefgh");
    }
}
