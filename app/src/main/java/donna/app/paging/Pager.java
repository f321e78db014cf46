package donna.app.paging;

import donna.app.common.TaskExecutor;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A searchable list filled a page at a time: the query, the rows, "loading", "has more" and the cursor of the next
 * page, for a view model to expose. Fetching goes through the {@link TaskExecutor}; only the latest request may fill
 * the list, so a page that answers an older search or refresh is dropped. What a failure means (its words, a retry
 * button, a saved copy) is the owner's: it is handed the failed {@link Request}.
 *
 * @param <T> a row
 * @param <C> the cursor of a next page (a page token, an offset); null asks for the first page
 */
public final class Pager<T, C> {

    /** Fetches one page; runs on a task thread. */
    @FunctionalInterface
    public interface Fetch<T, C> {
        Page<T, C> page(String query, C cursor) throws Exception;
    }

    /** One page of rows; {@code next} is null on the last page. */
    public record Page<T, C>(List<T> items, C next) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** A request that went out, as its failure reports it. */
    public static final class Request {
        private final Pager<?, ?> pager;
        private final long generation;
        private final String query;
        private final boolean firstPage;
        private final Runnable again;

        private Request(Pager<?, ?> pager, long generation, String query, boolean firstPage, Runnable again) {
            this.pager = pager;
            this.generation = generation;
            this.query = query;
            this.firstPage = firstPage;
            this.again = again;
        }

        public String query() {
            return query;
        }

        /** It asked for the first page (a refresh or a search), not for more. */
        public boolean firstPage() {
            return firstPage;
        }

        /** No request has started since this one. */
        public boolean isLatest() {
            return generation == pager.generation;
        }

        /** Asks for the same page again, for the query as it is now. */
        public void retry() {
            again.run();
        }
    }

    private final TaskExecutor tasks;
    private final Fetch<T, C> fetch;
    private final ObservableList<T> items = FXCollections.observableArrayList();
    private final ObservableList<T> readOnlyItems = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyStringWrapper query = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper();
    private Runnable onRequest = () -> { };
    private Runnable onPage = () -> { };
    private BiConsumer<Throwable, Request> onFailure = (failure, request) -> { };
    private C next;
    /** Bumped by every request: an answer carrying an older number is stale. */
    private long generation;

    public Pager(TaskExecutor tasks, Fetch<T, C> fetch) {
        this.tasks = Objects.requireNonNull(tasks);
        this.fetch = Objects.requireNonNull(fetch);
    }

    /** Runs on the UI thread as each request goes out, after "loading" turned on. */
    public Pager<T, C> onRequest(Runnable listener) {
        this.onRequest = Objects.requireNonNull(listener);
        return this;
    }

    /** Runs on the UI thread after the latest request's page is in the list and "loading" is off. */
    public Pager<T, C> onPage(Runnable listener) {
        this.onPage = Objects.requireNonNull(listener);
        return this;
    }

    /** Runs on the UI thread when the latest request failed, after "loading" turned off; the list is unchanged. */
    public Pager<T, C> onFailure(BiConsumer<Throwable, Request> listener) {
        this.onFailure = Objects.requireNonNull(listener);
        return this;
    }

    /** The rows, for the owner to edit in place (mark read, rename, remove). */
    public ObservableList<T> items() {
        return items;
    }

    /** The rows, for the view. */
    public ObservableList<T> readOnlyItems() {
        return readOnlyItems;
    }

    public ReadOnlyStringProperty queryProperty() {
        return query.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    // ---- Commands

    /** Loads the first page for the current query; the rows are replaced when it answers. */
    public void refresh() {
        load(null, false);
    }

    /** Searches for the trimmed text (null is ""), only when that changes the query. */
    public void search(String text) {
        String q = text == null ? "" : text.strip();
        if (!q.equals(query.get())) {
            query.set(q);
            refresh();
        }
    }

    /** Appends the next page, unless this is the last one or a page is on its way. */
    public void loadMore() {
        if (hasMore.get() && !loading.get() && next != null) {
            load(next, true);
        }
    }

    /**
     * Shows rows that came from elsewhere (a saved copy) as the whole list, with no more pages. A request on its way
     * still lands; to skip this when one has started since, check {@link #stillLatest()}.
     */
    public void showComplete(List<T> rows) {
        items.setAll(rows);
        next = null;
        hasMore.set(false);
    }

    /** A check that stays true until the next request starts: for work of the owner's that races the pages. */
    public BooleanSupplier stillLatest() {
        long gen = generation;
        return () -> gen == generation;
    }

    // ---- Internals

    private void load(C cursor, boolean append) {
        long gen = ++generation;
        String q = query.get();
        Request request = new Request(this, gen, q, !append, () -> load(cursor, append));
        loading.set(true);
        onRequest.run();
        tasks.submit(() -> fetch.page(q, cursor), page -> {
            if (request.isLatest()) {
                show(page, append);
            }
        }, failure -> {
            if (request.isLatest()) {
                loading.set(false);
                onFailure.accept(failure, request);
            }
        });
    }

    private void show(Page<T, C> page, boolean append) {
        if (append) {
            items.addAll(page.items());
        } else {
            items.setAll(page.items());
        }
        next = page.next();
        hasMore.set(next != null);
        loading.set(false);
        onPage.run();
    }
}
