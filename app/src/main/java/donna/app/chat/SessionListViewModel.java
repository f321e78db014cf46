package donna.app.chat;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.chat.SessionPage;
import donna.core.chat.SessionSummary;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The list of past chats: paging, search, rename, delete, and which one is open. */
public final class SessionListViewModel {
    static final int PAGE = 20;

    private final ChatService service;
    private final TaskExecutor tasks;
    private final ObservableList<SessionSummary> sessions = FXCollections.observableArrayList();
    private final ObservableList<SessionSummary> readOnlySessions = FXCollections.unmodifiableObservableList(sessions);
    private final ReadOnlyStringWrapper query = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper currentChatId = new ReadOnlyStringWrapper();
    private Consumer<SessionSummary> onOpen = s -> { };
    private Consumer<String> onDeleted = id -> { };
    private Runnable retryAction;
    private int nextOffset;
    /** Answers to an older query or refresh are dropped: only the latest request may fill the list. */
    private long requestGeneration;

    public SessionListViewModel(ChatService service, TaskExecutor tasks) {
        this.service = service;
        this.tasks = tasks;
    }

    public ObservableList<SessionSummary> sessions() {
        return readOnlySessions;
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

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty currentChatIdProperty() {
        return currentChatId.getReadOnlyProperty();
    }

    /** Wired by the chat view model: opening a row loads its conversation. */
    void setOnOpen(Consumer<SessionSummary> listener) {
        this.onOpen = Objects.requireNonNull(listener);
    }

    void setOnDeleted(Consumer<String> listener) {
        this.onDeleted = Objects.requireNonNull(listener);
    }

    void markCurrent(String chatId) {
        currentChatId.set(chatId);
    }

    // ---- Commands

    public void refresh() {
        load(0, false);
    }

    public void search(String text) {
        String q = text == null ? "" : text.strip();
        if (!q.equals(query.get())) {
            query.set(q);
            refresh();
        }
    }

    public void loadMore() {
        if (hasMore.get() && !loading.get()) {
            load(nextOffset, true);
        }
    }

    public void open(SessionSummary session) {
        if (session != null && !session.chatId().equals(currentChatId.get())) {
            currentChatId.set(session.chatId());
            onOpen.accept(session);
        }
    }

    public void rename(SessionSummary session, String newTitle) {
        String title = newTitle == null ? "" : newTitle.strip();
        if (title.isEmpty() || title.equals(session.title())) {
            return;
        }
        tasks.submit(() -> service.rename(session.chatId(), title), renamed -> {
            int i = indexOf(session.chatId());
            if (i >= 0) {
                // Some services answer only the changed fields: keep what we knew for the rest.
                String stored = renamed != null && renamed.title() != null ? renamed.title() : title;
                sessions.set(i, sessions.get(i).withTitle(stored));
            }
        }, failure -> fail("Could not rename: " + ErrorText.of(failure), () -> rename(session, title)));
    }

    public void delete(SessionSummary session) {
        tasks.submit(() -> {
            service.delete(session.chatId());
            return session.chatId();
        }, deleted -> {
            int i = indexOf(deleted);
            if (i >= 0) {
                sessions.remove(i);
            }
            if (deleted.equals(currentChatId.get())) {
                currentChatId.set(null);
            }
            onDeleted.accept(deleted);
        }, failure -> fail("Could not delete: " + ErrorText.of(failure), () -> delete(session)));
    }

    public void retry() {
        Runnable action = retryAction;
        error.set(null);
        retryAction = null;
        if (action != null) {
            action.run();
        }
    }

    // ---- Internals

    private void load(int offset, boolean append) {
        long generation = ++requestGeneration;
        String q = query.get();
        loading.set(true);
        error.set(null);
        tasks.submit(() -> service.sessions(q, offset, PAGE), page -> {
            if (generation == requestGeneration) {
                show(page, append);
            }
        }, failure -> {
            if (generation == requestGeneration) {
                loading.set(false);
                fail("Could not load your chats: " + ErrorText.of(failure), () -> load(offset, append));
            }
        });
    }

    private void show(SessionPage page, boolean append) {
        if (append) {
            sessions.addAll(page.sessions());
        } else {
            sessions.setAll(page.sessions());
        }
        nextOffset = page.nextOffset().orElse(sessions.size());
        hasMore.set(page.nextOffset().isPresent());
        loading.set(false);
    }

    private void fail(String message, Runnable retry) {
        error.set(message);
        retryAction = retry;
    }

    private int indexOf(String chatId) {
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).chatId().equals(chatId)) {
                return i;
            }
        }
        return -1;
    }
}
