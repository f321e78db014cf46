package donna.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import donna.backend.config.BackendConfig;
import donna.standins.openai.Endpoint;
import donna.standins.openai.Failure;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
    private final OpenAiFixture openai = new OpenAiFixture();

    @AfterEach
    void stop() {
        openai.close();
    }

    @Test
    void badRequestCarriesOpenAisMessageAndIsNotRetried() {
        openai.fake.failNext(1, Failure.status(400, "Invalid value for 'input'."));

        Throwable error = catchThrowable(() -> openai.responses.stream(OpenAiFixture.ask("hi"), d -> {}));

        assertThat(error).isInstanceOf(OpenAiRequestException.class).hasMessageContaining("Invalid value for 'input'.");
        assertThat(((OpenAiRequestException) error).status()).isEqualTo(400);
        assertThat(openai.fake.requests(Endpoint.RESPONSES)).hasSize(1);
    }

    @Test
    void wrongKeyIs401AndNeverShowsTheKey() {
        openai.fake.requireApiKey("sk-the-right-one-0000000000");

        Throwable error = catchThrowable(() -> openai.moderation.check("hi"));

        assertThat(error).isInstanceOf(OpenAiRequestException.class);
        assertThat(((OpenAiRequestException) error).status()).isEqualTo(401);
        assertThat(OpenAiFixture.allMessages(error)).doesNotContain(OpenAiFixture.KEY).doesNotContain("sk-");
    }

    @Test
    void keyEchoedByTheServerIsRedactedFromEveryFailure() {
        String echo = "Key " + OpenAiFixture.KEY + " is not allowed to use this model";
        openai.fake.failNext(1, Failure.status(403, echo));
        openai.fake.failNext(3, Failure.status(503, echo));

        Throwable rejected = catchThrowable(() -> openai.responses.stream(OpenAiFixture.ask("a"), d -> {}));
        Throwable unavailable = catchThrowable(() -> openai.responses.stream(OpenAiFixture.ask("b"), d -> {}));

        assertThat(rejected).isInstanceOf(OpenAiRequestException.class);
        assertThat(unavailable).isInstanceOf(OpenAiUnavailableException.class);
        for (Throwable error : new Throwable[] {rejected, unavailable}) {
            assertThat(OpenAiFixture.allMessages(error)).doesNotContain(OpenAiFixture.KEY)
                    .contains("is not allowed to use this model");
        }
    }

    @Test
    void missingKeyIsARequestError() {
        var noKey = new BackendConfig.OpenAi(Optional.empty(), openai.fake.baseUrl(), "gpt-test", "rt",
                Duration.ofSeconds(5));
        try (OpenAiHttp http = new OpenAiHttp(noKey, RetrySettings.fast(3), Duration.ofSeconds(5))) {
            Throwable error = catchThrowable(() -> new ModerationClient(http).check("hi"));
            assertThat(error).isInstanceOf(OpenAiRequestException.class).hasMessageContaining("API key");
        }
    }
}
