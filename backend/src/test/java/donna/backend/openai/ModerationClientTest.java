package donna.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;

import donna.standins.openai.Endpoint;
import donna.standins.openai.Failure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModerationClientTest {
    private final OpenAiFixture openai = new OpenAiFixture();

    @AfterEach
    void stop() {
        openai.close();
    }

    @Test
    void flaggedTextComesBackWithItsCategories() {
        openai.fake.flagWhen("kill you", "violence", "harassment/threatening");

        ModerationResult result = openai.moderation.check("I will KILL YOU");

        assertThat(result.flagged()).isTrue();
        assertThat(result.categories()).containsExactlyInAnyOrder("violence", "harassment/threatening");
        var sent = openai.fake.lastRequest(Endpoint.MODERATIONS).body();
        assertThat(sent.path("input").asText()).isEqualTo("I will KILL YOU");
        assertThat(sent.path("model").asText()).isEqualTo(ModerationClient.DEFAULT_MODEL);
    }

    @Test
    void cleanTextIsNotFlagged() {
        ModerationResult result = openai.moderation.check("What a lovely day");
        assertThat(result.flagged()).isFalse();
        assertThat(result.categories()).isEmpty();
    }

    @Test
    void rateLimitIsRetried() {
        openai.fake.failNext(Endpoint.MODERATIONS, 1, Failure.rateLimited(Duration.ofMillis(1)));
        assertThat(openai.moderation.check("hello").flagged()).isFalse();
        assertThat(openai.fake.requests(Endpoint.MODERATIONS)).hasSize(2);
    }
}
