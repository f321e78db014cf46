package donna.app.insights;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.insights.Conversation;
import donna.core.insights.ConversationFilter;
import donna.core.insights.ConversationPage;
import donna.core.insights.ConversationSort;
import java.util.Arrays;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conversations table: filters (health range, failures, source, words), newest first or by health (the service
 * sorts, so paging stays right), a page at a time ("Load more" asks for the next), and its saved views. Source,
 * failure and order choices apply at once; the health range and words on {@link #refresh} (Enter or Apply), so
 * typing does not send a request per key.
 */
public final class ConversationsViewModel {
    static final int PAGE = 50;

    private final InsightsService service;
    private final TaskExecutor tasks;
    private final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
    private final ObjectProperty<SourceChoice> source = new SimpleObjectProperty<>(SourceChoice.ALL);
    private final ObjectProperty<FailureFilter> failures = new SimpleObjectProperty<>(FailureFilter.ANY);
    private final ObjectProperty<SortChoice> sort = new SimpleObjectProperty<>(SortChoice.RECENT);
    private final StringProperty healthMin = new SimpleStringProperty("");
    private final StringProperty healthMax = new SimpleStringProperty("");
    private final StringProperty query = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper empty = new ReadOnlyStringWrapper();
    private String cursor;
    private ConversationFilter applied = ConversationFilter.all();
    private ConversationSort appliedSort = ConversationSort.RECENT;
    private long generation;
    private final SavedViewsViewModel savedViews;
    /** Set while a saved view's filters are put in place, so they refresh the list once rather than per field. */
    private boolean applying;

    public ConversationsViewModel(InsightsService service, TaskExecutor tasks) {
        this.service = service;
        this.tasks = tasks;
        source.addListener((o, was, now) -> refreshUnlessApplying());
        failures.addListener((o, was, now) -> refreshUnlessApplying());
        sort.addListener((o, was, now) -> refreshUnlessApplying());
        savedViews = new SavedViewsViewModel(service, tasks, this);
    }

    private void refreshUnlessApplying() {
        if (!applying) {
            refresh();
        }
    }

    /** The list's order, applied at once (the service sorts, so every page follows it). */
    public ObjectProperty<SortChoice> sortProperty() {
        return sort;
    }

    /** The saved views chooser of this list. */
    public SavedViewsViewModel savedViews() {
        return savedViews;
    }

    /** The filters and order as the fields say now; IllegalArgumentException says which field is wrong. */
    ConversationFilter filterNow() {
        Integer min = score("Lowest health", healthMin.get());
        Integer max = score("Highest health", healthMax.get());
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("The lowest health is above the highest.");
        }
        String q = query.get() == null || query.get().isBlank() ? null : query.get().strip();
        return new ConversationFilter(null, null, min, max, failures.get().wire(), source.get().wire(), q);
    }

    /** Puts a saved view's filters and order in the fields and reads the list once. */
    void show(ConversationFilter filter, ConversationSort order) {
        applying = true;
        try {
            source.set(Arrays.stream(SourceChoice.values())
                    .filter(c -> Objects.equals(c.wire(), filter.source())).findFirst()
                    .orElse(SourceChoice.ALL));
            failures.set(Arrays.stream(FailureFilter.values())
                    .filter(c -> Objects.equals(c.wire(), filter.hasFailures())).findFirst()
                    .orElse(FailureFilter.ANY));
            healthMin.set(filter.healthMin() == null ? "" : filter.healthMin().toString());
            healthMax.set(filter.healthMax() == null ? "" : filter.healthMax().toString());
            query.set(filter.q() == null ? "" : filter.q());
            sort.set(SortChoice.of(order));
        } finally {
            applying = false;
        }
        refresh();
    }

    public ObservableList<Conversation> conversations() {
        return conversations;
    }

    public ObjectProperty<SourceChoice> sourceProperty() {
        return source;
    }

    public ObjectProperty<FailureFilter> failuresProperty() {
        return failures;
    }

    /** 0-100 or empty; applied by {@link #refresh}. */
    public StringProperty healthMinProperty() {
        return healthMin;
    }

    public StringProperty healthMaxProperty() {
        return healthMax;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Whether the service has another page. */
    public ReadOnlyBooleanProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    /** Reads the first page with the filters as they are now. */
    public void refresh() {
        try {
            applied = filterNow();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        appliedSort = sort.get().wire();
        savedViews.loadOnce();
        load(null);
    }

    /** The next page, added below. */
    public void loadMore() {
        if (cursor != null && !loading.get()) {
            load(cursor);
        }
    }

    private void load(String after) {
        long gen = ++generation;
        ConversationFilter filter = applied;
        ConversationSort order = appliedSort;
        loading.set(true);
        tasks.submit(() -> order == ConversationSort.RECENT ? service.conversations(filter, PAGE, after)
                : service.conversations(filter, order, PAGE, after), page -> {
            if (gen != generation) {
                return;
            }
            loading.set(false);
            error.set(null);
            show(page, after == null);
        }, failure -> {
            if (gen == generation) {
                loading.set(false);
                error.set("Could not load the conversations. " + ErrorText.of(failure));
            }
        });
    }

    private void show(ConversationPage page, boolean first) {
        if (first) {
            conversations.setAll(page.conversations());
        } else {
            conversations.addAll(page.conversations());
        }
        cursor = page.nextCursor();
        more.set(cursor != null);
        boolean filtered = applied.healthMin() != null || applied.healthMax() != null
                || applied.hasFailures() != null || applied.source() != null || applied.q() != null;
        empty.set(!conversations.isEmpty() ? null : filtered ? "No conversations match these filters."
                : "No conversations yet: chat with DONNA or send one with an API key (Settings tab).");
    }

    /** Puts a conversation read again (after a failure changed) in its place. */
    void replace(Conversation updated) {
        for (int i = 0; i < conversations.size(); i++) {
            if (conversations.get(i).id().equals(updated.id())) {
                conversations.set(i, updated);
                return;
            }
        }
    }

    private static Integer score(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 0 && v <= 100) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 0 to 100.");
    }
}
