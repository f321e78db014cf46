package donna.app.chat;

import donna.app.actions.ActionCards;
import donna.app.actions.CardItem;
import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.chat.ChatMessage;
import donna.core.chat.ChatReply;
import donna.core.chat.ChatRequest;
import donna.core.chat.Profile;
import donna.core.chat.SessionSummary;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
 * The open conversation: what was said, the draft, the profile, and the reply streaming in. Failures stay inline
 * with a retry; nothing here blocks (the service is called through the {@link TaskExecutor}).
 */
public final class ChatViewModel {
    private final ChatService service;
    private final TaskExecutor tasks;
    private final Executor ui;
    private final SessionListViewModel sessions;
    private final ActionCards cards;

    private final ObservableList<MessageItem> messages = FXCollections.observableArrayList();
    private final ObservableList<MessageItem> readOnlyMessages = FXCollections.unmodifiableObservableList(messages);
    private final StringProperty draft = new SimpleStringProperty("");
    private final ObjectProperty<Profile> profile = new SimpleObjectProperty<>(Profile.GENERAL);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper canRetry = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper chatId = new ReadOnlyStringWrapper();
    private final BooleanBinding canSend;
    private Runnable retryAction;
    /** Bumped when another conversation is opened: late answers for the old one are dropped. */
    private long generation;

    /** A conversation whose cards cannot act (no outbox, no service behind them): for tests of the chat alone. */
    public ChatViewModel(ChatService service, TaskExecutor tasks, Executor ui, SessionListViewModel sessions) {
        this(service, tasks, ui, sessions, ActionCards.detached(tasks, ui));
    }

    /** @param cards makes the cards of a turn's drafts and confirmations, and queues what the person confirms */
    public ChatViewModel(ChatService service, TaskExecutor tasks, Executor ui, SessionListViewModel sessions,
                         ActionCards cards) {
        this.service = service;
        this.cards = cards;
        this.tasks = tasks;
        this.ui = ui;
        this.sessions = sessions;
        this.canSend = Bindings.createBooleanBinding(() -> !busy.get() && !draft.get().isBlank(), busy, draft);
        sessions.setOnOpen(this::open);
        sessions.setOnDeleted(id -> {
            if (id.equals(chatId.get())) {
                newChat();
            }
        });
    }

    public ObservableList<MessageItem> messages() {
        return readOnlyMessages;
    }

    public StringProperty draftProperty() {
        return draft;
    }

    public ObjectProperty<Profile> profileProperty() {
        return profile;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRetryProperty() {
        return canRetry.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty chatIdProperty() {
        return chatId.getReadOnlyProperty();
    }

    public BooleanBinding canSendProperty() {
        return canSend;
    }

    public SessionListViewModel sessions() {
        return sessions;
    }

    // ---- Commands

    /** Sends the draft: it becomes the user's bubble, and DONNA's answer streams into a new one. */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        String text = draft.get().strip();
        draft.set("");
        messages.add(MessageItem.user(text));
        ask(text);
    }

    public void retry() {
        Runnable action = retryAction;
        clearError();
        if (action != null) {
            action.run();
        }
    }

    public void dismissError() {
        clearError();
    }

    /** A blank conversation; the next message starts a new session. */
    public void newChat() {
        generation++;
        messages.clear();
        draft.set("");
        chatId.set(null);
        busy.set(false);
        clearError();
        sessions.markCurrent(null);
    }

    /** Shows a stored conversation (also called when a row of the session list is chosen). */
    public void open(SessionSummary session) {
        long gen = ++generation;
        messages.clear();
        clearError();
        chatId.set(session.chatId());
        profile.set(session.profile() == null ? Profile.GENERAL : session.profile());
        sessions.markCurrent(session.chatId());
        busy.set(true);
        tasks.submit(() -> service.recentMessages(session.chatId()), (List<ChatMessage> stored) -> {
            if (gen == generation) {
                for (ChatMessage m : stored) {
                    MessageItem item = m.fromUser() ? MessageItem.user(m.content()) : MessageItem.donna(m.content());
                    // What DONNA did before this reply, as the rows it showed when the turn ran.
                    m.toolSteps().forEach(item::step);
                    messages.add(item);
                }
                busy.set(false);
            }
        }, failure -> {
            if (gen == generation) {
                busy.set(false);
                fail("Could not open this chat. " + ErrorText.of(failure), () -> open(session));
            }
        });
    }

    // ---- Internals

    private void ask(String text) {
        long gen = generation;
        MessageItem reply = MessageItem.donnaStreaming();
        messages.add(reply);
        busy.set(true);
        // This app queues confirmed mail in its own outbox: the service must not send it too.
        ChatRequest request = new ChatRequest(text, chatId.get(), profile.get(), true);
        tasks.submit(() -> service.send(request, delta -> ui.execute(() -> {
            if (gen == generation) {
                reply.append(delta);
            }
        }), step -> ui.execute(() -> {
            if (gen == generation) {
                reply.step(step);
            }
        })), (ChatReply done) -> {
            // Made even when another chat is open by now: a send the person confirmed in words is queued regardless.
            List<CardItem> made = cards.cardsFor(done.metadata().actions());
            if (gen != generation) {
                return;
            }
            reply.finish(done.reply());
            done.metadata().toolSteps().forEach(reply::step);
            reply.addCards(made);
            busy.set(false);
            String id = done.metadata().chatId();
            if (id != null) {
                chatId.set(id);
                sessions.markCurrent(id);
            }
            sessions.refresh();
        }, failure -> {
            if (gen != generation) {
                return;
            }
            // A half-streamed answer is not what got stored: drop it, keep the question, offer to ask again.
            messages.remove(reply);
            busy.set(false);
            fail("DONNA could not answer. " + ErrorText.of(failure), () -> ask(text));
        });
    }

    private void fail(String message, Runnable retry) {
        error.set(message);
        retryAction = retry;
        canRetry.set(true);
    }

    private void clearError() {
        error.set(null);
        retryAction = null;
        canRetry.set(false);
    }
}
