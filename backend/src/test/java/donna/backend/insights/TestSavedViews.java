package donna.backend.insights;

import static donna.backend.insights.InsightsFixture.send;
import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/saved-views}: create, list, rename, refilter, delete; owners apart; bad fields named. */
class TestSavedViews {
    private static final String VIEWS = "/api/v1/saved-views";

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

    private static Http.Response create(String user, String body) {
        return service.http().post(VIEWS, body, internalAs(user));
    }

    private static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode list(String user) {
        Http.Response r = service.http().get(VIEWS, internalAs(user));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("saved_views");
    }

    @Test
    void a_view_is_created_listed_renamed_refiltered_and_deleted() {
        Http.Response created = create("sv-alice", """
                {"name":"  Voice trouble ","filters":{"source":"donna-voice","has_failures":true,"health_max":60,
                 "sort":"health_asc","q":null}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode view = created.json().path("saved_view");
        String id = view.path("id").asText();
        assertThat(view.path("name").asText()).isEqualTo("Voice trouble");
        assertThat(view.path("filters")).isEqualTo(json(
                "{\"source\":\"donna-voice\",\"has_failures\":true,\"health_max\":60,\"sort\":\"health_asc\"}"));
        assertThat(view.path("created_at").asText()).isNotBlank();

        assertThat(create("sv-alice", "{\"name\":\"All API\",\"filters\":{\"source\":\"api\"}}").status())
                .isEqualTo(201);
        assertThat(list("sv-alice")).extracting(n -> n.path("name").asText())
                .containsExactly("All API", "Voice trouble");

        Http.Response renamed = send(service.http(), "PATCH", VIEWS + "/" + id, "{\"name\":\"Voice, worst first\"}",
                internalAs("sv-alice"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("saved_view").path("name").asText()).isEqualTo("Voice, worst first");
        assertThat(renamed.json().path("saved_view").path("filters").path("health_max").asInt()).isEqualTo(60);

        Http.Response refiltered = send(service.http(), "PATCH", VIEWS + "/" + id,
                "{\"filters\":{\"health_min\":10,\"health_max\":20}}", internalAs("sv-alice"));
        assertThat(refiltered.status()).isEqualTo(200);
        assertThat(refiltered.json().path("saved_view").path("filters"))
                .isEqualTo(json("{\"health_min\":10,\"health_max\":20}"));
        assertThat(refiltered.json().path("saved_view").path("name").asText()).isEqualTo("Voice, worst first");

        assertThat(send(service.http(), "DELETE", VIEWS + "/" + id, null, internalAs("sv-alice")).status())
                .isEqualTo(200);
        assertThat(list("sv-alice")).extracting(n -> n.path("name").asText()).containsExactly("All API");
        assertThat(send(service.http(), "DELETE", VIEWS + "/" + id, null, internalAs("sv-alice")).status())
                .isEqualTo(404);
    }

    @Test
    void another_owners_view_is_404_and_never_listed() {
        Http.Response created = create("sv-carol", "{\"name\":\"Mine\",\"filters\":{}}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("saved_view").path("id").asText();

        assertThat(list("sv-dave")).isEmpty();
        Http.Response patch = send(service.http(), "PATCH", VIEWS + "/" + id, "{\"name\":\"Taken over\"}",
                internalAs("sv-dave"));
        assertThat(patch.status()).isEqualTo(404);
        assertThat(patch.errorCode()).isEqualTo("not_found");
        assertThat(send(service.http(), "DELETE", VIEWS + "/" + id, null, internalAs("sv-dave")).status())
                .isEqualTo(404);
        assertThat(send(service.http(), "DELETE", VIEWS + "/not-a-uuid", null, internalAs("sv-dave")).status())
                .isEqualTo(404);
        assertThat(list("sv-carol")).extracting(n -> n.path("name").asText()).containsExactly("Mine");
        // Dave may use the same name: names are unique per owner only.
        assertThat(create("sv-dave", "{\"name\":\"Mine\",\"filters\":{}}").status()).isEqualTo(201);
    }

    @Test
    void a_name_is_unique_per_owner_whatever_its_case() {
        assertThat(create("sv-erin", "{\"name\":\"Failures\",\"filters\":{}}").status()).isEqualTo(201);
        Http.Response again = create("sv-erin", "{\"name\":\"failures\",\"filters\":{\"source\":\"api\"}}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("name_taken");
        assertThat(again.json().path("error").path("message").asText()).startsWith("name:");

        String other = create("sv-erin", "{\"name\":\"Other\",\"filters\":{}}").json().path("saved_view")
                .path("id").asText();
        Http.Response rename = send(service.http(), "PATCH", VIEWS + "/" + other, "{\"name\":\"FAILURES\"}",
                internalAs("sv-erin"));
        assertThat(rename.status()).isEqualTo(409);
        assertThat(rename.errorCode()).isEqualTo("name_taken");
    }

    @Test
    void bad_fields_are_400_naming_the_field() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"filters\":{}}", "name");
        cases.put("{\"name\":\"\",\"filters\":{}}", "name");
        cases.put("{\"name\":\"" + "x".repeat(81) + "\",\"filters\":{}}", "name");
        cases.put("{\"name\":7,\"filters\":{}}", "name");
        cases.put("{\"name\":\"v\"}", "filters");
        cases.put("{\"name\":\"v\",\"filters\":[1]}", "filters");
        cases.put("{\"name\":\"v\",\"filters\":{\"colour\":\"red\"}}", "filters.colour");
        cases.put("{\"name\":\"v\",\"filters\":{\"health_min\":101}}", "filters.health_min");
        cases.put("{\"name\":\"v\",\"filters\":{\"health_max\":\"50\"}}", "filters.health_max");
        cases.put("{\"name\":\"v\",\"filters\":{\"health_min\":60,\"health_max\":50}}", "filters.health_min");
        cases.put("{\"name\":\"v\",\"filters\":{\"has_failures\":\"yes\"}}", "filters.has_failures");
        cases.put("{\"name\":\"v\",\"filters\":{\"source\":\"fax\"}}", "filters.source");
        cases.put("{\"name\":\"v\",\"filters\":{\"q\":\"" + "q".repeat(201) + "\"}}", "filters.q");
        cases.put("{\"name\":\"v\",\"filters\":{\"sort\":\"oldest\"}}", "filters.sort");
        cases.put("{\"name\":\"v\",\"filters\":{\"from\":\"last week\"}}", "filters.from");
        cases.put("[1]", "body");
        cases.forEach((body, field) -> {
            Http.Response refused = create("sv-frank", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.errorCode()).as(body).isEqualTo("validation_failed");
            assertThat(refused.json().path("error").path("message").asText()).as(body).startsWith(field + ":");
        });
        Http.Response notJson = create("sv-frank", "{nope");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.errorCode()).isEqualTo("invalid_json");

        String id = create("sv-frank", "{\"name\":\"ok\",\"filters\":{\"from\":\"2026-12-01\"}}").json()
                .path("saved_view").path("id").asText();
        Http.Response empty = send(service.http(), "PATCH", VIEWS + "/" + id, "{}", internalAs("sv-frank"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("error").path("message").asText()).startsWith("body:");
        assertThat(list("sv-frank")).hasSize(1);
    }

    @Test
    void without_a_signed_in_person_it_is_401() {
        assertThat(service.http().get(VIEWS).status()).isEqualTo(401);
    }
}
