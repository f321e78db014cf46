package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.insights.ConversationFilter;
import donna.core.insights.ConversationSort;
import donna.core.insights.InsightsClient;
import donna.core.insights.SavedView;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of saved views and the list's sort (docs/api.md, "Insights"). */
class TestSavedViewsClient {
    private static final String VIEW = """
            {"id":"v-1","name":"Voice trouble","filters":{"source":"donna-voice","has_failures":true,
             "health_max":60,"sort":"health_asc"},"created_at":"2026-12-01T10:00:00Z",
             "updated_at":"2026-12-01T10:00:00Z"}""";

    private final StubServer stub;
    private final InsightsClient insights;
    private final ObjectMapper json = new ObjectMapper();

    TestSavedViewsClient() throws IOException {
        stub = new StubServer();
        insights = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local").build()
                .insights();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void views_are_listed_created_updated_and_deleted() throws IOException {
        stub.on("GET /api/v1/saved-views", StubServer.Answer.json(200, "{\"success\":true,\"saved_views\":["
                + VIEW + ",{\"name\":\"no id\"}]}"));
        assertThat(insights.savedViews()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("Voice trouble");
            assertThat(v.filter()).isEqualTo(new ConversationFilter(null, null, null, 60, true, "donna-voice", null));
            assertThat(v.sort()).isEqualTo(ConversationSort.HEALTH_ASC);
        });

        stub.on("POST /api/v1/saved-views", StubServer.Answer.json(201, "{\"success\":true,\"saved_view\":" + VIEW
                + "}"));
        SavedView created = insights.createSavedView("Voice trouble",
                new ConversationFilter(null, null, null, 60, true, "donna-voice", "  "), ConversationSort.HEALTH_ASC);
        assertThat(created.id()).isEqualTo("v-1");
        assertThat(json.readTree(stub.seen.getLast().body())).isEqualTo(json.readTree("""
                {"name":"Voice trouble","filters":{"health_max":60,"has_failures":true,"source":"donna-voice",
                 "sort":"health_asc"}}"""));

        stub.on("PATCH /api/v1/saved-views/v-1", StubServer.Answer.json(200, "{\"success\":true,\"saved_view\":"
                + VIEW + "}"));
        insights.updateSavedView("v-1", "Renamed", null, null);
        assertThat(json.readTree(stub.seen.getLast().body())).isEqualTo(json.readTree("{\"name\":\"Renamed\"}"));
        insights.updateSavedView("v-1", null, ConversationFilter.all(), ConversationSort.RECENT);
        assertThat(json.readTree(stub.seen.getLast().body())).isEqualTo(json.readTree("{\"filters\":{}}"));

        stub.on("DELETE /api/v1/saved-views/v-1", StubServer.Answer.json(200, "{\"success\":true}"));
        insights.deleteSavedView("v-1");
        assertThat(stub.seen.getLast().method()).isEqualTo("DELETE");
    }

    @Test
    void a_name_already_used_is_the_services_409() {
        stub.on("POST /api/v1/saved-views", StubServer.Answer.json(409, "{\"success\":false,\"error\":{\"code\":"
                + "\"name_taken\",\"message\":\"name: you already have a view named \\\"x\\\"\"}}"));
        assertThatThrownBy(() -> insights.createSavedView("x", ConversationFilter.all(), ConversationSort.RECENT))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(409);
                    assertThat(e.error().code()).isEqualTo("name_taken");
                });
    }

    @Test
    void the_list_sends_its_sort_only_when_not_the_default() {
        stub.on("GET /api/v1/conversations", StubServer.Answer.json(200,
                "{\"success\":true,\"conversations\":[],\"next_cursor\":null}"));
        insights.conversations(ConversationFilter.all(), ConversationSort.HEALTH_DESC, 50, "c1");
        assertThat(stub.seen.getLast().uri()).isEqualTo("/api/v1/conversations?sort=health_desc&limit=50&cursor=c1");
        insights.conversations(ConversationFilter.all(), ConversationSort.RECENT, 50, null);
        assertThat(stub.seen.getLast().uri()).isEqualTo("/api/v1/conversations?limit=50");
    }
}
