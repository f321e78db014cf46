package donna.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bounded queue: track never waits, a full queue drops its oldest. */
class TestInsightsQueue {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private StandInService service;

    @BeforeEach
    void start() throws IOException {
        service = new StandInService();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private Insights.Builder sdk() {
        return Insights.builder().apiKey("dk_queue_test-key").baseUrl(service.base()).linger(Duration.ZERO);
    }

    @Test
    void a_full_queue_drops_its_oldest_and_counts_them() throws InterruptedException {
        service.hold();
        try (Insights insights = sdk().queueCapacity(5).batchSize(1).build()) {
            insights.track(Conversation.builder("c0").user("hi", T).build());
            service.awaitArrivals(1);
            for (int i = 1; i <= 10; i++) {
                assertThat(insights.track(Conversation.builder("c" + i).user("hi", T).build())).isTrue();
            }
            Stats held = insights.stats();
            assertThat(held.dropped()).isEqualTo(5);
            assertThat(held.queued()).isEqualTo(6); // five waiting, one being sent

            service.open();
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(service.requests()).extracting(StandInService.Request::externalId)
                    .containsExactly("c0", "c6", "c7", "c8", "c9", "c10");
            assertThat(insights.stats()).isEqualTo(new Stats(11, 6, 0, 5, 0, 0));
        }
    }

    /**
     * The tracking plan's floor is 100 messages a minute without blocking; here 20,000 messages are tracked while
     * the service does not answer at all, and every call returns at once. Then all of them arrive.
     */
    @Test
    void tracking_never_waits_for_the_service_far_beyond_100_messages_a_minute() throws InterruptedException {
        service.hold();
        int conversations = 20;
        int perConversation = 1_000;
        try (Insights insights = sdk().batchSize(2_000).queueCapacity(30_000).build()) {
            insights.track(Conversation.builder("first").user("hi", T).build());
            service.awaitArrivals(1); // the sender is now stuck on a request that has no answer

            long start = System.nanoTime();
            long slowest = 0;
            for (int m = 0; m < perConversation; m++) {
                for (int c = 0; c < conversations; c++) {
                    long before = System.nanoTime();
                    insights.track(Conversation.builder("conv-" + c).user("message " + m, T.plusMillis(m)).build());
                    slowest = Math.max(slowest, System.nanoTime() - before);
                }
            }
            Duration all = Duration.ofNanos(System.nanoTime() - start);

            assertThat(service.requests()).hasSize(1); // nothing more got through: no call waited for one
            assertThat(insights.stats().queued()).isEqualTo(20_001);
            // Generous bounds for a busy 2-core machine: 20,000 calls here take milliseconds.
            assertThat(all).isLessThan(Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(500));

            service.open();
            assertThat(insights.flush(Duration.ofSeconds(60))).isTrue();
            Stats stats = insights.stats();
            assertThat(stats.sent()).isEqualTo(20_001);
            assertThat(stats.dropped()).isZero();
            assertThat(stats.failed()).isZero();
        }
        var requests = service.requests();
        // Batching merged each conversation's messages: far fewer requests than messages.
        assertThat(requests.size()).isLessThan(400);
        Set<String> delivered = requests.stream().filter(r -> r.externalId().startsWith("conv-"))
                .flatMap(r -> java.util.stream.StreamSupport.stream(r.body().path("messages").spliterator(), false)
                        .map(n -> r.externalId() + "/" + n.path("content").asText()))
                .collect(Collectors.toSet());
        assertThat(delivered).hasSize(conversations * perConversation);
    }
}
