package donna.backend.insights;

import static donna.backend.insights.InsightsFixture.body;
import static donna.backend.insights.InsightsFixture.createKey;
import static donna.backend.insights.InsightsFixture.message;
import static donna.backend.insights.InsightsFixture.send;
import static donna.backend.insights.InsightsFixture.track;
import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sample conversations for a person who has none yet: added through the real ingestion and scoring (so the
 * failures they show are the scorer's own findings), renewed rather than doubled, and removed without touching
 * anything that is not a sample, the person's or anyone else's.
 */
class TestInsightsSamples {
    @TempDir
    static Path dir;
    static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(dir);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void samples_are_scored_like_real_conversations_renewed_not_doubled_and_removed_alone() {
        String key = createKey(service.http(), "hana");
        Http.Response own = track(service.http(), key, body("sample:mine",
                message("user", "Is this mine?", Instant.now().minusSeconds(60)),
                message("assistant", "Yes.", Instant.now().minusSeconds(58))));
        assertThat(own.status()).as(own.body()).isEqualTo(200);

        Http.Response added = service.http().post("/api/v1/samples", "{}", internalAs("hana"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        int samples = added.json().path("samples").asInt();
        assertThat(samples).isEqualTo(8);
        assertThat(service.http().post("/api/v1/samples", "{}", internalAs("ivan")).status()).isEqualTo(201);

        InsightsFixture.pipelineUntil(service, "hana's conversations scored",
                () -> list("hana").size() == samples + 1
                        && list("hana").findValuesAsText("health_score").stream().noneMatch("null"::equals)
                        && allScored("hana"));
        Set<String> kinds = new HashSet<>();
        for (JsonNode c : list("hana")) {
            get("hana", "/api/v1/conversations/" + c.path("id").asText() + "/failures").path("failures")
                    .forEach(f -> kinds.add(f.path("kind").asText()));
        }
        assertThat(kinds).as("what the scorer found in the samples").contains(HealthScorer.ASSISTANT_REFUSAL,
                HealthScorer.USER_FRUSTRATION, HealthScorer.SLOW_RESPONSE, HealthScorer.TOOL_FAILURE,
                HealthScorer.ASSISTANT_ERROR, HealthScorer.UNANSWERED_QUESTION, HealthScorer.BARGE_IN_STORM);
        assertThat(get("hana", "/api/v1/samples").path("samples").asInt()).isEqualTo(samples);

        Http.Response again = service.http().post("/api/v1/samples", "{}", internalAs("hana"));
        assertThat(again.json().path("samples").asInt()).isEqualTo(samples);
        assertThat(list("hana")).as("renewed, not doubled").hasSize(samples + 1);

        Http.Response removed = send(service.http(), "DELETE", "/api/v1/samples", null, internalAs("hana"));
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().path("removed").asInt()).isEqualTo(samples);
        assertThat(list("hana")).extracting(c -> c.path("external_id").asText())
                .as("hana's own conversation stays, even with a sample-like id").containsExactly("sample:mine");
        assertThat(get("ivan", "/api/v1/samples").path("samples").asInt()).as("ivan's are his").isEqualTo(samples);
    }

    private static boolean allScored(String user) {
        for (JsonNode c : list(user)) {
            if (c.path("scored_at").isNull() || c.path("scored_at").isMissingNode()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode list(String user) {
        return get(user, "/api/v1/conversations?limit=50").path("conversations");
    }

    private static JsonNode get(String user, String path) {
        Http.Response r = service.http().get(path, internalAs(user));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
