package donna.backend.openai;

import donna.backend.config.BackendConfig;
import donna.standins.openai.FakeOpenAi;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A fake OpenAI and clients pointed at it, with fast retries. */
final class OpenAiFixture implements AutoCloseable {
    static final String KEY = "sk-test-SECRET-0123456789abcdef";

    final FakeOpenAi fake = FakeOpenAi.start();
    final OpenAiHttp http;
    final ResponsesClient responses;
    final ModerationClient moderation;

    OpenAiFixture() {
        this(Duration.ofSeconds(10), Duration.ofSeconds(10), RetrySettings.fast(3));
    }

    OpenAiFixture(Duration timeout, Duration idle, RetrySettings retry) {
        http = new OpenAiHttp(new BackendConfig.OpenAi(Optional.of(KEY), fake.baseUrl(), "gpt-test", "gpt-realtime",
                timeout), retry, idle);
        responses = new ResponsesClient(http);
        moderation = new ModerationClient(http);
    }

    static ResponseRequest ask(String text) {
        return new ResponseRequest(null, "You are DONNA.", List.of(InputItem.user(text)), List.of());
    }

    /** Every message in the exception's chain, for checking that no secret leaked. */
    static String allMessages(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            out.append(t).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        http.close();
        fake.close();
    }
}
