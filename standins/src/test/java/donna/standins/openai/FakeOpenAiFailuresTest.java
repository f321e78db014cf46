package donna.standins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeOpenAiFailuresTest {
    private static final String STREAM = "{\"model\":\"m\",\"stream\":true,\"input\":\"hello\"}";

    private final FakeOpenAi openai = FakeOpenAi.start();
    private final FakeOpenAiHttp http = new FakeOpenAiHttp(openai.baseUrl());

    @AfterEach
    void stop() {
        http.close();
        openai.close();
    }

    @Test
    void missingOrWrongKeyIs401InOpenAisShape() throws Exception {
        HttpResponse<String> none = http.post("/v1/responses", STREAM, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(FakeOpenAiHttp.JSON.readTree(none.body()).path("error").path("message").asText())
                .contains("didn't provide an API key");

        openai.requireApiKey("sk-right-key-123456");
        HttpResponse<String> wrong = http.post("/v1/responses", STREAM, "sk-wrong-key-654321");
        JsonNode error = FakeOpenAiHttp.JSON.readTree(wrong.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.path("message").asText()).doesNotContain("sk-wrong-key-654321");
    }

    @Test
    void scriptedFailuresHitTheNextCallsOnly() throws Exception {
        openai.failNext(1, Failure.rateLimited(Duration.ofMillis(1500))).failNext(1, Failure.serverError());

        HttpResponse<String> limited = http.post("/v1/responses", STREAM, "k");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(limited.headers().firstValue("Retry-After-Ms")).hasValue("1500");
        assertThat(FakeOpenAiHttp.JSON.readTree(limited.body()).path("error").path("code").asText())
                .isEqualTo("rate_limit_exceeded");
        assertThat(http.post("/v1/responses", STREAM, "k").statusCode()).isEqualTo(500);
        assertThat(http.post("/v1/responses", STREAM, "k").statusCode()).isEqualTo(200);
        assertThat(openai.requests(Endpoint.RESPONSES)).hasSize(3);
    }

    @Test
    void dropMidStreamCutsTheConnectionAfterTheFirstDelta() {
        openai.replyWith("one two three").failNext(1, Failure.dropMidStream());
        assertThatThrownBy(() -> http.post("/v1/responses", STREAM, "k")).isInstanceOf(IOException.class);
    }

    @Test
    void moderationFlagsMatchingTexts() throws Exception {
        openai.flagWhen("idiot", "harassment");
        HttpResponse<String> response = http.post("/v1/moderations",
                "{\"model\":\"omni-moderation-latest\",\"input\":[\"you IDIOT\",\"nice day\"]}", "k");
        JsonNode results = FakeOpenAiHttp.JSON.readTree(response.body()).path("results");

        assertThat(results.get(0).path("flagged").asBoolean()).isTrue();
        assertThat(results.get(0).path("categories").path("harassment").asBoolean()).isTrue();
        assertThat(results.get(0).path("categories").path("hate").asBoolean()).isFalse();
        assertThat(results.get(1).path("flagged").asBoolean()).isFalse();
    }
}
