package donna.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OpenAiTimeoutTest {
    @Test
    void noAnswerWithinTheTimeoutFailsAsTimeoutAndDoesNotHang() {
        try (OpenAiFixture openai = new OpenAiFixture(Duration.ofMillis(400), Duration.ofSeconds(10),
                RetrySettings.fast(3))) {
            openai.fake.firstByteLatency(Duration.ofSeconds(20));
            long started = System.nanoTime();

            assertThatThrownBy(() -> openai.responses.stream(OpenAiFixture.ask("hi"), d -> {}))
                    .isInstanceOf(OpenAiTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void streamThatGoesSilentFailsAsTimeoutAfterTheIdleLimit() {
        try (OpenAiFixture openai = new OpenAiFixture(Duration.ofSeconds(30), Duration.ofMillis(300),
                RetrySettings.fast(3))) {
            openai.fake.replyWith("slow reply").chunkLatency(Duration.ofSeconds(20));
            List<String> deltas = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();

            assertThatThrownBy(() -> openai.responses.stream(OpenAiFixture.ask("hi"), deltas::add))
                    .isInstanceOf(OpenAiTimeoutException.class)
                    .hasMessageContaining("no data");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(deltas).isEmpty();
        }
    }

    @Test
    void streamThatKeepsTricklingPastTheTotalTimeoutFailsAsTimeout() {
        // Each piece arrives well within the idle limit, but the whole reply would take about 2 s.
        try (OpenAiFixture openai = new OpenAiFixture(Duration.ofMillis(700), Duration.ofSeconds(10),
                RetrySettings.fast(3))) {
            openai.fake.replyWith("one two three four five six seven eight nine ten")
                    .chunkLatency(Duration.ofMillis(200));
            long started = System.nanoTime();

            assertThatThrownBy(() -> openai.responses.stream(OpenAiFixture.ask("hi"), d -> {}))
                    .isInstanceOf(OpenAiTimeoutException.class)
                    .hasMessageContaining("did not answer within");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_900));
        }
    }

    @Test
    void moderationTimesOutToo() {
        try (OpenAiFixture openai = new OpenAiFixture(Duration.ofMillis(300), Duration.ofSeconds(10),
                RetrySettings.fast(3))) {
            openai.fake.firstByteLatency(Duration.ofSeconds(20));
            assertThatThrownBy(() -> openai.moderation.check("hi")).isInstanceOf(OpenAiTimeoutException.class);
        }
    }
}
