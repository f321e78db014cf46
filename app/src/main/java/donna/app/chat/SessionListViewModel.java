package donna.app.chat;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.app.paging.Pager;
import donna.core.chat.SessionPage;
import donna.core.chat.SessionSummary;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/** The list of past chats: paging, search, rename, delete, and which one is open. */
public final class SessionListViewModel {
    static final int PAGE = 20;

    private final ChatService service;
    private final TaskExecutor tasks;
    private final Pager<SessionSummary, Integer> pager;
    private final ObservableList<SessionSummary> sessions;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper currentChatId = new ReadOnlyStringWrapper();
    private Consumer<SessionSummary> onOpen = s -> { };
    private Consumer<String> onDeleted = id -> { };
    private Runnable retryAction;

    public SessionListViewModel(ChatService service, TaskExecutor tasks) {
        this.service = service;
        this.tasks = tasks;
        this.pager = new Pager<>(tasks, this::fetch)
                .onRequest(() -> error.set(null))
                .onFailure((failure, request) ->
                        fail("Could not load your chats: " + ErrorText.of(failure), request::retry));
        this.sessions = pager.items();
    }

    public ObservableList<SessionSummary> sessions() {
        return pager.readOnlyItems();
    }

    public ReadOnlyStringProperty queryProperty() {
        return pager.queryProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return pager.loadingProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return pager.hasMoreProperty();
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
        pager.refresh();
    }

    public void search(String text) {
        pager.search(text);
    }

    public void loadMore() {
        pager.loadMore();
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

    /** Runs on a task thread; the first page starts at offset 0. */
    private Pager.Page<SessionSummary, Integer> fetch(String q, Integer offset) {
        SessionPage page = service.sessions(q, offset == null ? 0 : offset, PAGE);
        OptionalInt next = page.nextOffset();
        return new Pager.Page<>(page.sessions(), next.isPresent() ? next.getAsInt() : null);
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
