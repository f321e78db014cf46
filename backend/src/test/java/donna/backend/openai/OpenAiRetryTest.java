package donna.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import donna.standins.openai.Endpoint;
import donna.standins.openai.Failure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiRetryTest {
    private final OpenAiFixture openai = new OpenAiFixture();

    @AfterEach
    void stop() {
        openai.close();
    }

    @Test
    void rateLimitThenSuccessIsRetriedWithinTheRetryAfterCap() {
        // Retry-After says 30 s; the cap (5 ms in the fast settings) keeps the test quick.
        openai.fake.failNext(1, Failure.rateLimited(Duration.ofSeconds(30))).replyWith("made it");
        long started = System.nanoTime();

        ResponseResult result = openai.responses.stream(OpenAiFixture.ask("hi"), d -> {});

        assertThat(result.text()).isEqualTo("made it");
        assertThat(openai.fake.requests(Endpoint.RESPONSES)).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void serverErrorsOnEveryAttemptEndAsUnavailable() {
        openai.fake.failNext(5, Failure.serverError());

        assertThatThrownBy(() -> openai.responses.stream(OpenAiFixture.ask("hi"), d -> {}))
                .isExactlyInstanceOf(OpenAiUnavailableException.class)
                .hasMessageContaining("500");
        assertThat(openai.fake.requests(Endpoint.RESPONSES)).hasSize(3);
    }

    @Test
    void connectionDroppedBeforeAnyByteIsRetried() {
        openai.fake.failNext(1, Failure.dropBeforeResponse()).replyWith("second time lucky");

        assertThat(openai.responses.stream(OpenAiFixture.ask("hi"), d -> {}).text()).isEqualTo("second time lucky");
    }

    @Test
    void dropMidStreamAfterDeltasIsNotRetried() {
        openai.fake.replyWith("this reply breaks off").failNext(1, Failure.dropMidStream());
        List<String> deltas = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> openai.responses.stream(OpenAiFixture.ask("hi"), deltas::add))
                .isExactlyInstanceOf(OpenAiUnavailableException.class)
                .hasMessageContaining("broke off");
        assertThat(deltas).containsExactly("this ");
        assertThat(openai.fake.requests(Endpoint.RESPONSES)).hasSize(1);
    }

    @Test
    void nothingListeningIsUnavailableAfterTheRetries() {
        var config = openai.http.config();
        openai.fake.close(); // the port is free now: connections are refused
        try (OpenAiHttp http = new OpenAiHttp(config, RetrySettings.fast(2), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> new ResponsesClient(http).stream(OpenAiFixture.ask("hi"), d -> {}))
                    .isExactlyInstanceOf(OpenAiUnavailableException.class);
        }
    }

    @Test
    void consumerFailureEndsTheStreamWithTheCallersException() {
        openai.fake.replyWith("a b c d");
        IllegalStateException gone = new IllegalStateException("browser went away");

        assertThatThrownBy(() -> openai.responses.stream(OpenAiFixture.ask("hi"), d -> {
            throw gone;
        })).isSameAs(gone);
        assertThat(openai.fake.requests(Endpoint.RESPONSES)).hasSize(1);
    }
}
