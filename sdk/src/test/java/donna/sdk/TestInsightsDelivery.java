package donna.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batching, splitting, flush and close against a stand-in service. */
class TestInsightsDelivery {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final String KEY = "dk_testprefix_not-a-real-secret";

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
        return Insights.builder().apiKey(KEY).baseUrl(service.base());
    }

    @Test
    void conversations_tracked_together_go_as_one_request_per_conversation() {
        try (Insights insights = sdk().linger(Duration.ofSeconds(30)).build()) {
            insights.track(Conversation.builder("a").user("Where is my order?", T).metadata("app", "shop").build());
            insights.track(Conversation.builder("b").user("Hello", T).build());
            // The whole conversation again with one more message: the repeat is not sent twice.
            insights.track(Conversation.builder("a").user("Where is my order?", T)
                    .assistant("It ships tomorrow.", T.plusSeconds(2)).metadata("plan", "pro").ended(true).build());

            // flush does not wait for the 30 s linger.
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();

            assertThat(service.requests()).hasSize(2);
            StandInService.Request a = service.requests().get(0);
            assertThat(a.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(a.externalId()).isEqualTo("a");
            assertThat(a.messages()).isEqualTo(2);
            assertThat(a.body().path("messages").get(0).path("role").asText()).isEqualTo("user");
            assertThat(a.body().path("messages").get(0).path("timestamp").asText()).isEqualTo("2026-12-01T10:00:00Z");
            assertThat(a.body().path("messages").get(1).path("content").asText()).isEqualTo("It ships tomorrow.");
            assertThat(a.body().path("metadata").path("app").asText()).isEqualTo("shop");
            assertThat(a.body().path("metadata").path("plan").asText()).isEqualTo("pro");
            assertThat(a.body().path("ended").asBoolean()).isTrue();
            assertThat(service.requests().get(1).externalId()).isEqualTo("b");
            assertThat(service.requests().get(1).body().has("ended")).isFalse();

            assertThat(insights.stats()).isEqualTo(new Stats(3, 3, 0, 0, 0, 0));
        }
    }

    @Test
    void a_long_conversation_is_split_under_the_services_limits_and_ends_with_its_last_request() {
        Conversation.Builder long1 = Conversation.builder("long").ended(true);
        for (int i = 0; i < 1_200; i++) {
            long1.user("message " + i, T.plusSeconds(i));
        }
        try (Insights insights = sdk().build()) {
            insights.track(long1.build());
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();
        }
        assertThat(service.requests()).extracting(StandInService.Request::messages).containsExactly(500, 500, 200);
        assertThat(service.requests()).extracting(r -> r.body().path("ended").asBoolean())
                .containsExactly(false, false, true);

        // And by size: 40 messages of 30,000 characters do not fit one 1 MiB body.
        service.requests();
        Conversation.Builder big = Conversation.builder("big");
        for (int i = 0; i < 40; i++) {
            big.assistant(Character.toString('a' + i % 26).repeat(30_000), T.plusSeconds(i));
        }
        int before = service.requests().size();
        try (Insights insights = sdk().build()) {
            insights.track(big.build());
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(insights.stats().sent()).isEqualTo(1);
        }
        var bigRequests = service.requests().subList(before, service.requests().size());
        assertThat(bigRequests).hasSizeGreaterThan(1);
        assertThat(bigRequests).allSatisfy(r -> assertThat(r.body().toString().length()).isLessThan(900_000));
        assertThat(bigRequests.stream().mapToInt(StandInService.Request::messages).sum()).isEqualTo(40);
    }

    @Test
    void flush_gives_up_at_its_timeout_and_succeeds_once_the_service_answers() throws InterruptedException {
        service.hold();
        try (Insights insights = sdk().linger(Duration.ZERO).build()) {
            insights.track(Conversation.builder("slow").user("hi", T).build());
            service.awaitArrivals(1);
            assertThat(insights.flush(Duration.ofMillis(200))).isFalse();
            assertThat(insights.stats().queued()).isEqualTo(1);
            service.open();
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(insights.stats().sent()).isEqualTo(1);
        }
    }

    @Test
    void close_sends_what_is_queued_then_refuses_more() {
        Insights insights = sdk().linger(Duration.ofSeconds(30)).build();
        for (int i = 0; i < 5; i++) {
            insights.track(Conversation.builder("c" + i).user("hi", T).build());
        }
        assertThat(insights.close(Duration.ofSeconds(20))).isTrue();
        assertThat(service.requests()).extracting(StandInService.Request::externalId)
                .containsExactly("c0", "c1", "c2", "c3", "c4");
        assertThat(insights.track(Conversation.builder("late").user("hi", T).build())).isFalse();
        assertThat(insights.stats()).isEqualTo(new Stats(5, 5, 0, 1, 0, 0));
    }

    @Test
    void close_with_a_hung_service_stops_at_its_timeout_and_counts_what_was_left() throws InterruptedException {
        service.hold();
        Insights insights = sdk().linger(Duration.ZERO).batchSize(1).build();
        insights.track(Conversation.builder("stuck").user("hi", T).build());
        service.awaitArrivals(1);
        insights.track(Conversation.builder("waiting").user("hi", T).build());

        assertThat(insights.close(Duration.ofMillis(300))).isFalse();

        Stats stats = insights.stats();
        assertThat(stats.sent()).isZero();
        assertThat(stats.dropped()).isEqualTo(2);
        assertThat(stats.queued()).isZero();
    }

    @Test
    void metadata_jackson_cannot_write_fails_that_conversation_only() {
        try (Insights insights = sdk().build()) {
            insights.track(Conversation.builder("odd").user("hi", T).metadata("thing", new Object()).build());
            insights.track(Conversation.builder("fine").user("hi", T).build());
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(insights.stats()).isEqualTo(new Stats(2, 1, 1, 0, 0, 0));
            assertThat(insights.lastError()).startsWith("metadata is not JSON");
        }
        assertThat(service.requests()).extracting(StandInService.Request::externalId).containsExactly("fine");
    }

    @Test
    void bad_settings_are_refused_when_built() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Insights.builder().baseUrl("ftp://x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("baseUrl");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Insights.builder().apiKey("a b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("apiKey");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Insights.builder().baseUrl(service.base()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apiKey");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Conversation.builder(" ").user("x", T).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("externalId");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Conversation.builder("x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Message.user("x".repeat(32_001), T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("content");
        assertThat(Conversation.builder("x").ended(true).build().messages()).isEmpty();
        assertThat(Message.tool("ok", T).with("status", "failed").metadata()).isEqualTo(Map.of("status", "failed"));
    }
}
