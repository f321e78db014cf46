package donna.backend.insights;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/conversations?sort=health_asc|health_desc|recent}: the order, and cursor paging through ties
 * and unscored conversations without a row lost or repeated.
 */
class TestConversationSort {
    private static final Instant T = Instant.parse("2026-11-01T08:00:00Z");

    @TempDir
    static Path dir;
    static TestService service;
    static final List<Row> rows = new ArrayList<>();

    record Row(String id, Integer health, Instant started) {}

    @BeforeAll
    static void start() {
        service = TestService.start(dir);
        assertThat(service.http().get("/api/v1/saved-views", internalAs("sort-owner")).status()).isEqualTo(200);
        assertThat(service.http().get("/api/v1/saved-views", internalAs("sort-other")).status()).isEqualTo(200);
        // Ties on purpose (several 50s, several unscored), and the same start time for two of them.
        Integer[] healths = {50, 90, null, 10, 50, 100, null, 50, 0, 75, 10, null, 50};
        for (int i = 0; i < healths.length; i++) {
            Instant started = T.plusSeconds(i == 5 ? 60 * 4 : 60L * i);
            rows.add(new Row(insert("sort-owner", "c" + i, healths[i], started), healths[i], started));
        }
        insert("sort-other", "not-mine", 1, T);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String insert(String clerkId, String externalId, Integer health, Instant started) {
        return service.service().database().jdbi().withHandle(h -> h.createQuery("""
                insert into conversations (owner_id, external_id, source, started_at, last_message_at, health_score,
                  scored_at)
                values ((select id from users where clerk_id = :u), :e, 'api', :s, :s, :h,
                  case when cast(:h as integer) is null then null else cast(:s as timestamptz) end)
                returning id""").bind("u", clerkId).bind("e", externalId).bind("s", started).bind("h", health)
                .mapTo(UUID.class).one().toString());
    }

    /** Every page of {@code limit} in {@code sort}, followed by its cursors. */
    private static List<String> pages(String sort, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 100; guard++) {
            Http.Response page = service.http().get("/api/v1/conversations?limit=" + limit
                    + (sort == null ? "" : "&sort=" + sort) + (cursor == null ? "" : "&cursor=" + cursor),
                    internalAs("sort-owner"));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("conversations").forEach(c -> ids.add(c.path("id").asText()));
            JsonNode next = page.json().path("next_cursor");
            if (next.isNull()) {
                return ids;
            }
            cursor = next.asText();
        }
        throw new AssertionError("paging did not end");
    }

    private static List<String> expected(Comparator<Row> order) {
        return rows.stream().sorted(order).map(Row::id).toList();
    }

    private static final Comparator<Row> NEWEST_FIRST = Comparator.comparing(Row::started).reversed()
            .thenComparing(Row::id, Comparator.reverseOrder());

    @Test
    void health_ascending_puts_the_worst_first_and_unscored_last() {
        List<String> want = expected(Comparator.comparing((Row r) -> r.health() == null ? 101 : r.health())
                .thenComparing(NEWEST_FIRST));
        for (int limit : new int[] {1, 2, 3, 5, 50}) {
            assertThat(pages("health_asc", limit)).as("limit " + limit).containsExactlyElementsOf(want);
        }
        assertThat(service.http().get("/api/v1/conversations?sort=health_asc&limit=2", internalAs("sort-owner"))
                .json().path("conversations").get(0).path("health_score").asInt()).isZero();
    }

    @Test
    void health_descending_puts_the_best_first_and_unscored_last() {
        List<String> want = expected(Comparator.comparing((Row r) -> r.health() == null ? -1 : r.health())
                .reversed().thenComparing(NEWEST_FIRST));
        for (int limit : new int[] {1, 2, 4, 50}) {
            assertThat(pages("health_desc", limit)).as("limit " + limit).containsExactlyElementsOf(want);
        }
    }

    @Test
    void recent_is_the_default_and_unchanged() {
        List<String> want = expected(NEWEST_FIRST);
        assertThat(pages(null, 3)).containsExactlyElementsOf(want);
        assertThat(pages("recent", 4)).containsExactlyElementsOf(want);
    }

    @Test
    void a_bad_sort_or_a_cursor_of_another_sort_is_400() {
        Http.Response bad = service.http().get("/api/v1/conversations?sort=oldest", internalAs("sort-owner"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("message").asText()).startsWith("sort:");

        String recentCursor = service.http().get("/api/v1/conversations?limit=2", internalAs("sort-owner")).json()
                .path("next_cursor").asText();
        Http.Response mixed = service.http().get("/api/v1/conversations?limit=2&sort=health_asc&cursor="
                + recentCursor, internalAs("sort-owner"));
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.json().path("error").path("message").asText()).startsWith("cursor:");

        String healthCursor = service.http().get("/api/v1/conversations?limit=2&sort=health_desc",
                internalAs("sort-owner")).json().path("next_cursor").asText();
        assertThat(service.http().get("/api/v1/conversations?limit=2&cursor=" + healthCursor,
                internalAs("sort-owner")).status()).isEqualTo(400);
    }
}
