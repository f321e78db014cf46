package donna.app.paging;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.app.common.TaskExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Paging a searchable list: first page, more pages, the end, stale answers, failures and retry, "loading". */
class TestPager {
    /** Pages by "query|cursor"; a cursor-less first page is "query|". */
    private final Map<String, Pager.Page<String, String>> pages = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<Pager.Request> failed = new ArrayList<>();
    private int failNext;

    private void page(String key, String next, String... rows) {
        pages.put(key, new Pager.Page<>(List.of(rows), next));
    }

    private Pager<String, String> pager(TaskExecutor tasks) {
        return new Pager<String, String>(tasks, (q, cursor) -> {
            String key = q + "|" + (cursor == null ? "" : cursor);
            asked.add(key);
            if (failNext > 0) {
                failNext--;
                throw new IllegalStateException("unreachable");
            }
            return pages.getOrDefault(key, new Pager.Page<>(List.of(), null));
        }).onFailure((failure, request) -> {
            failures.add(failure.getMessage());
            failed.add(request);
        });
    }

    @Test
    void refresh_shows_the_first_page_and_load_more_appends_the_next_in_order_until_the_last() {
        page("|", "p2", "a", "b");
        page("|p2", null, "c");
        Pager<String, String> pager = pager(new SameThreadTaskExecutor());

        pager.refresh();
        assertThat(pager.readOnlyItems()).containsExactly("a", "b");
        assertThat(pager.hasMoreProperty().get()).isTrue();

        pager.loadMore();
        assertThat(pager.readOnlyItems()).containsExactly("a", "b", "c");
        assertThat(pager.hasMoreProperty().get()).isFalse();

        pager.loadMore();
        assertThat(asked).as("nothing is asked past the last page").containsExactly("|", "|p2");
    }

    @Test
    void a_search_trims_the_text_replaces_the_rows_and_asks_only_when_the_query_changes() {
        page("|", null, "a", "b");
        page("ann|", null, "from ann");
        Pager<String, String> pager = pager(new SameThreadTaskExecutor());
        pager.refresh();

        pager.search("  ann ");
        pager.search("ann");

        assertThat(pager.queryProperty().get()).isEqualTo("ann");
        assertThat(pager.readOnlyItems()).containsExactly("from ann");
        assertThat(asked).containsExactly("|", "ann|");
    }

    @Test
    void a_page_for_an_older_query_that_answers_last_is_dropped() {
        page("old|", "o2", "old row");
        page("new|", null, "new row");
        HeldTaskExecutor tasks = new HeldTaskExecutor();
        Pager<String, String> pager = pager(tasks);

        pager.search("old");
        pager.search("new");
        tasks.runNewest();
        assertThat(pager.loadingProperty().get()).isFalse();
        tasks.runNewest();

        assertThat(pager.readOnlyItems()).containsExactly("new row");
        assertThat(pager.hasMoreProperty().get()).as("the old page's cursor did not land either").isFalse();
        assertThat(asked).containsExactlyInAnyOrder("old|", "new|");
    }

    @Test
    void a_failure_keeps_the_rows_reports_the_request_and_its_retry_asks_for_the_same_page_again() {
        page("|", "p2", "a");
        page("|p2", null, "b");
        Pager<String, String> pager = pager(new SameThreadTaskExecutor());
        pager.refresh();
        failNext = 1;

        pager.loadMore();
        assertThat(failures).containsExactly("unreachable");
        assertThat(pager.loadingProperty().get()).isFalse();
        assertThat(pager.readOnlyItems()).containsExactly("a");
        Pager.Request request = failed.getFirst();
        assertThat(request.firstPage()).isFalse();
        assertThat(request.query()).isEmpty();
        assertThat(request.isLatest()).isTrue();

        request.retry();

        assertThat(pager.readOnlyItems()).containsExactly("a", "b");
        assertThat(asked).containsExactly("|", "|p2", "|p2");
        assertThat(request.isLatest()).as("the retry is a newer request").isFalse();
    }

    @Test
    void a_failure_for_an_older_query_is_not_reported() {
        HeldTaskExecutor tasks = new HeldTaskExecutor();
        Pager<String, String> pager = pager(tasks);

        pager.search("old");
        pager.search("new");
        tasks.runNewest();
        failNext = 1;
        tasks.runNewest();

        assertThat(asked).containsExactly("new|", "old|");
        assertThat(failures).isEmpty();
        assertThat(pager.loadingProperty().get()).isFalse();
    }

    @Test
    void loading_is_on_while_a_request_is_out_and_load_more_waits_for_it() {
        page("|", "p2", "a");
        page("|p2", null, "b");
        HeldTaskExecutor tasks = new HeldTaskExecutor();
        Pager<String, String> pager = pager(tasks);
        List<Boolean> loadingWhenAsked = new ArrayList<>();
        List<Boolean> loadingWhenShown = new ArrayList<>();
        pager.onRequest(() -> loadingWhenAsked.add(pager.loadingProperty().get()))
                .onPage(() -> loadingWhenShown.add(pager.loadingProperty().get()));

        pager.refresh();
        assertThat(pager.loadingProperty().get()).isTrue();
        tasks.runNewest();
        assertThat(pager.loadingProperty().get()).isFalse();

        pager.loadMore();
        pager.loadMore();
        assertThat(tasks.held()).as("a second 'more' while one is out asks nothing").isEqualTo(1);
        tasks.runNewest();

        assertThat(pager.readOnlyItems()).containsExactly("a", "b");
        assertThat(loadingWhenAsked).containsExactly(true, true);
        assertThat(loadingWhenShown).containsExactly(false, false);
    }

    @Test
    void rows_shown_from_elsewhere_end_paging_and_a_check_tells_when_a_request_started_since() {
        page("|", "p2", "live");
        Pager<String, String> pager = pager(new SameThreadTaskExecutor());
        pager.refresh();
        var stillLatest = pager.stillLatest();

        pager.showComplete(List.of("saved"));
        assertThat(pager.readOnlyItems()).containsExactly("saved");
        assertThat(pager.hasMoreProperty().get()).isFalse();
        pager.loadMore();
        assertThat(stillLatest.getAsBoolean()).isTrue();

        pager.refresh();
        assertThat(stillLatest.getAsBoolean()).isFalse();
        assertThat(asked).containsExactly("|", "|");
    }

    /** Holds each task until the test runs it, work and callback together, newest first. */
    private static final class HeldTaskExecutor implements TaskExecutor {
        private final Deque<Runnable> held = new ArrayDeque<>();

        @Override
        public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess,
                Consumer<? super Throwable> onFailure) {
            held.push(() -> new SameThreadTaskExecutor().submit(work, onSuccess, onFailure));
        }

        int held() {
            return held.size();
        }

        void runNewest() {
            held.pop().run();
        }
    }
}
