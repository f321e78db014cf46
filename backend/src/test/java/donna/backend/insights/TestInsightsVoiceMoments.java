package donna.backend.insights;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DONNA's voice conversations carry the voice trouble the transcript alone does not show: the barge-ins and
 * reconnects the app reported to the voice events log come into the mirrored conversation, and the scorer finds a
 * barge-in storm and the reconnects in it; another person's events stay out.
 */
class TestInsightsVoiceMoments {
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
    void barge_ins_and_reconnects_around_a_spoken_turn_are_scored_in_its_conversation() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        report("frank", "s-1", List.of("barge_in", now.minusSeconds(40)), List.of("barge_in", now.minusSeconds(30)),
                List.of("barge_in", now.minusSeconds(20)), List.of("reconnect", now.minusSeconds(60)),
                List.of("reconnect", now.minusSeconds(50)), List.of("turn", now.minusSeconds(10)));
        report("gina", "s-2", List.of("reconnect", now.minusSeconds(45)));
        Http.Response saved = service.http().post("/api/db/chat", "{\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Read me the next one\",\"source\":\"voice\"},"
                + "{\"role\":\"assistant\",\"content\":\"Ann writes about Tuesday.\",\"source\":\"voice\"}]}",
                internalAs("frank"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        InsightsFixture.pipelineUntil(service, "frank's voice conversation scored", () -> {
            JsonNode list = get("frank", "/api/v1/conversations?source=donna-voice").path("conversations");
            return list.size() == 1 && !list.get(0).path("health_score").isNull();
        });
        String id = get("frank", "/api/v1/conversations?source=donna-voice").path("conversations").get(0)
                .path("id").asText();
        JsonNode messages = get("frank", "/api/v1/conversations/" + id + "/messages").path("messages");
        assertThat(messages).filteredOn(m -> m.path("role").asText().equals("system"))
                .extracting(m -> m.path("metadata").path("event").asText())
                .as("frank's own events, not gina's, and no plain turn events")
                .containsExactly("reconnect", "reconnect", "barge_in", "barge_in", "barge_in");
        assertThat(messages).filteredOn(m -> m.path("role").asText().equals("system"))
                .extracting(m -> m.path("content").asText())
                .contains(VoiceMoments.BARGE_IN_TEXT, VoiceMoments.RECONNECT_TEXT);
        JsonNode failures = get("frank", "/api/v1/conversations/" + id + "/failures").path("failures");
        assertThat(failures).extracting(f -> f.path("kind").asText())
                .contains(HealthScorer.BARGE_IN_STORM, HealthScorer.RECONNECTS);
        JsonNode signals = get("frank", "/api/v1/conversations/" + id + "/health").path("health").path("breakdown")
                .path("signals");
        assertThat(signals.path("barge_ins").asInt()).isEqualTo(3);
        assertThat(signals.path("reconnects").asInt()).isEqualTo(2);
    }

    @SafeVarargs
    private static void report(String user, String session, List<Object>... events) {
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < events.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"session_id\":\"").append(session).append("\",\"type\":\"")
                    .append(events[i].get(0)).append("\",\"at\":\"").append(events[i].get(1)).append("\"}");
        }
        Http.Response r = service.http().post("/api/voice/events", body.append("]}").toString(), internalAs(user));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static JsonNode get(String user, String path) {
        Http.Response r = service.http().get(path, internalAs(user));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
