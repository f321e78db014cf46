package donna.backend.insights;

import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.db.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list's {@code q=} search over more conversations than {@link InsightsReads#SEARCH_PREFIX}: a common text is
 * found among the newest conversations, a rare one through the trigram index (V20), and either way the pages hold
 * exactly the conversations whose external id or any message contains the text, case-insensitive, newest first.
 */
class TestInsightsSearch {
    private static final Instant T = Instant.parse("2026-11-01T08:00:00Z");
    private static final int COUNT = InsightsReads.SEARCH_PREFIX + 60;

    @TempDir
    static Path dir;
    static Database database;
    static InsightsReads reads;
    static UUID owner;
    /** The owner's conversations, oldest first: index i started i minutes after T. */
    static final List<UUID> ids = new ArrayList<>();

    @BeforeAll
    static void seed() {
        database = InsightsFixture.database(dir);
        reads = new InsightsReads(database.jdbi());
        owner = InsightsFixture.user(database, "searcher");
        UUID other = InsightsFixture.user(database, "someone-else");
        database.jdbi().useHandle(h -> {
            PreparedBatch messages = h.prepareBatch("""
                    insert into conversation_messages (conversation_id, role, content, ts, content_sha256)
                    values (:c, :r, :t, :ts, sha256(convert_to(:t, 'UTF8')))""");
            for (int i = 0; i < COUNT; i++) {
                Instant at = T.plusSeconds(60L * i);
                UUID id = h.createQuery("""
                        insert into conversations (owner_id, external_id, source, started_at, last_message_at)
                        values (:o, :e, 'api', :s, :s) returning id""")
                        .bind("o", owner).bind("e", i == 7 ? "shop-Zebra-ID" : "conv-" + i).bind("s", at)
                        .mapTo(UUID.class).one();
                ids.add(id);
                List<String> texts = new ArrayList<>(List.of("Can you help with my Refund?",
                        "Here is what I found about your refund."));
                if (i % 10 == 0) {
                    texts.add("And the invoice?");
                }
                if (i == 3) {
                    texts.add("Where is the ZEBRA picture?");
                }
                if (i == COUNT - 10) {
                    texts.add("Is 50% off_deal still on?");
                }
                for (int m = 0; m < texts.size(); m++) {
                    messages.bind("c", id).bind("r", m % 2 == 0 ? "user" : "assistant").bind("t", texts.get(m))
                            .bind("ts", at.plusSeconds(m)).add();
                }
            }
            UUID foreign = h.createQuery("""
                    insert into conversations (owner_id, external_id, source, started_at, last_message_at)
                    values (:o, 'zebra-too', 'api', :s, :s) returning id""").bind("o", other).bind("s", T)
                    .mapTo(UUID.class).one();
            messages.bind("c", foreign).bind("r", "user").bind("t", "a zebra and a refund").bind("ts", T).add();
            messages.execute();
            h.execute("analyze conversations");
            h.execute("analyze conversation_messages");
        });
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static ConversationQuery query(String text, int limit, ConversationQuery.Cursor cursor) {
        return new ConversationQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(text), Optional.ofNullable(cursor), limit,
                ConversationQuery.Sort.RECENT);
    }

    /** Every page of the search, in order. */
    private static List<UUID> search(String text, int limit) {
        List<UUID> found = new ArrayList<>();
        ConversationQuery.Cursor cursor = null;
        for (int guard = 0; guard < 100; guard++) {
            InsightsReads.Page page = reads.list(owner, query(text, limit, cursor));
            page.items().forEach(c -> found.add((UUID) c.get("id")));
            if (page.nextCursor() == null) {
                return found;
            }
            assertThat(page.items()).hasSize(limit);
            cursor = ConversationQuery.Cursor.decode(page.nextCursor());
        }
        throw new AssertionError("paging did not end");
    }

    /** The owner's conversations whose index passes {@code which}, newest first. */
    private static List<UUID> newestFirst(java.util.function.IntPredicate which) {
        List<UUID> expected = new ArrayList<>();
        for (int i = COUNT - 1; i >= 0; i--) {
            if (which.test(i)) {
                expected.add(ids.get(i));
            }
        }
        return expected;
    }

    @Test
    void a_text_every_conversation_has_pages_through_all_of_them_newest_first() {
        assertThat(search("REFUND", 50)).containsExactlyElementsOf(newestFirst(i -> true));
    }

    @Test
    void a_text_some_conversations_have_is_found_past_the_newest_ones_and_on_every_page() {
        // 20 of the newest 200 have it: a page of 20 needs a 21st to know there is more, found through the index;
        // the next page starts after the cursor among fewer than 200.
        assertThat(search("invoice", 20)).containsExactlyElementsOf(newestFirst(i -> i % 10 == 0));
        assertThat(search("invoice", 7)).containsExactlyElementsOf(newestFirst(i -> i % 10 == 0));
    }

    @Test
    void a_rare_text_matches_messages_and_external_ids_of_the_owner_only() {
        assertThat(search("zebra", 50)).containsExactly(ids.get(7), ids.get(3));
        assertThat(search("Zebra-id", 50)).containsExactly(ids.get(7));
        assertThat(search("no such text", 50)).isEmpty();
    }

    @Test
    void percent_and_underscore_are_literal() {
        assertThat(search("50%", 50)).containsExactly(ids.get(COUNT - 10));
        assertThat(search("f_d", 50)).containsExactly(ids.get(COUNT - 10));
        assertThat(search("%", 50)).containsExactly(ids.get(COUNT - 10));
        assertThat(search("o_f", 50)).isEmpty();
    }

    @Test
    void the_search_through_every_conversation_uses_the_trigram_index() {
        int installed = database.jdbi().withHandle(h -> h.createQuery(
                "select count(*) from pg_extension where extname = 'pg_trgm'").mapTo(Integer.class).one());
        assertThat(installed).as("pg_trgm installed by V20").isEqualTo(1);
        Map<String, Object> binds = new HashMap<>();
        String sql = InsightsReads.listSql(owner, query("zebra", 50, null), binds);
        String plan = database.jdbi().inTransaction(h -> {
            // A table this small is read whole by choice; with that ruled out, the index must be able to answer.
            h.execute("set local enable_seqscan = off");
            return String.join("\n", h.createQuery("explain " + sql).bindMap(binds).mapTo(String.class).list());
        });
        assertThat(plan).contains("conversation_messages_content_trgm");
    }
}
