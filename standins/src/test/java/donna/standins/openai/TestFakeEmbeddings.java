package donna.standins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's /v1/embeddings, in OpenAI's documented shape, and the demo answer to an Insights judge prompt. */
class TestFakeEmbeddings {
    private final FakeOpenAi openai = FakeOpenAi.start();
    private final FakeOpenAiHttp http = new FakeOpenAiHttp(openai.baseUrl());

    @AfterEach
    void stop() {
        http.close();
        openai.close();
    }

    private static double cosine(JsonNode a, JsonNode b) {
        double dot = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.get(i).asDouble() * b.get(i).asDouble();
        }
        return dot; // unit vectors
    }

    @Test
    void embeddings_have_the_documented_shape_and_similar_texts_point_alike() throws Exception {
        HttpResponse<String> r = http.post("/v1/embeddings", """
                {"model":"text-embedding-3-small","input":["printer paper jam in tray two",
                 "the printer jams paper in tray two","book a window seat to Oslo"]}""", "sk-test");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = FakeOpenAiHttp.JSON.readTree(r.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isPositive();
        JsonNode data = body.path("data");
        assertThat(data).hasSize(3);
        assertThat(data.get(1).path("object").asText()).isEqualTo("embedding");
        assertThat(data.get(1).path("index").asInt()).isEqualTo(1);
        assertThat(data.get(0).path("embedding")).hasSize(1536);
        assertThat(cosine(data.get(0).path("embedding"), data.get(1).path("embedding")))
                .isGreaterThan(cosine(data.get(0).path("embedding"), data.get(2).path("embedding")) + 0.3);

        JsonNode again = FakeOpenAiHttp.JSON.readTree(http.post("/v1/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"input\":\"printer paper jam in tray two\",\"dimensions\":256}",
                "sk-test").body());
        assertThat(again.path("data").get(0).path("embedding")).hasSize(256);
        assertThat(openai.requests(Endpoint.EMBEDDINGS)).hasSize(2);
    }

    @Test
    void bad_embedding_requests_get_openais_errors() throws Exception {
        assertThat(http.post("/v1/embeddings", "{\"input\":\"x\"}", "sk-test").statusCode()).isEqualTo(400);
        assertThat(http.post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"\"}", "sk-test")
                .statusCode()).isEqualTo(400);
        assertThat(http.post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}", null)
                .statusCode()).isEqualTo(401);
        openai.failNext(Endpoint.EMBEDDINGS, 1, Failure.serverError());
        assertThat(http.post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}", "sk-test")
                .statusCode()).isEqualTo(500);
    }

    @Test
    void the_demo_brain_answers_a_judge_prompt_with_a_verdict() throws Exception {
        String request = FakeOpenAiHttp.JSON.createObjectNode().put("model", "gpt-test").put("stream", false)
                .put("instructions", "You are the conversation judge of DONNA Insights. ...")
                .put("input", "A conversation to judge.\n<<<CONVERSATION n>>>\n"
                        + "{\"role\":\"user\",\"content\":\"That's not what I asked\"}\n"
                        + "{\"role\":\"assistant\",\"content\":\"Sorry, something went wrong.\"}\n<<<END n>>>")
                .toString();
        HttpResponse<String> r = http.post("/v1/responses", request, "sk-test");
        assertThat(r.statusCode()).isEqualTo(200);
        String text = FakeOpenAiHttp.JSON.readTree(r.body()).path("output").get(0).path("content").get(0)
                .path("text").asText();
        JsonNode verdict = FakeOpenAiHttp.JSON.readTree(text);
        assertThat(verdict.path("score").asInt()).isEqualTo(30);
        assertThat(verdict.path("failures").findValuesAsText("kind")).containsExactly("user_frustration",
                "assistant_error");
        assertThat(verdict.path("reason").asText()).contains("Demo judge");
    }
}
