package donna.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.chat.ChatMessage;
import donna.core.chat.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatViewModelTest {
    private final FakeChatService service = new FakeChatService();
    private final SameThreadTaskExecutor tasks = new SameThreadTaskExecutor();
    private final SessionListViewModel sessions = new SessionListViewModel(service, tasks);
    private final ChatViewModel vm = new ChatViewModel(service, tasks, Runnable::run, sessions);

    @Test
    void sendAppendsTheUserMessageAndStreamsTheReplyIntoDonnasBubble() {
        List<String> seenWhileStreaming = new ArrayList<>();
        service.afterEachDelta = () -> seenWhileStreaming.add(vm.messages().getLast().text());
        vm.profileProperty().set(Profile.SALES);
        vm.draftProperty().set("  hi DONNA  ");

        vm.send();

        assertThat(seenWhileStreaming).containsExactly("Hel", "Hello ", "Hello there");
        assertThat(vm.messages()).extracting(MessageItem::author, MessageItem::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MessageItem.Author.USER, "hi DONNA"),
                org.assertj.core.groups.Tuple.tuple(MessageItem.Author.DONNA, "Hello there"));
        assertThat(vm.messages().getLast().streamingProperty().get()).isFalse();
        assertThat(vm.draftProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(service.sent.getFirst().profile()).isEqualTo(Profile.SALES);
        assertThat(service.sent.getFirst().chatId()).isNull();
    }

    @Test
    void doneSetsTheChatIdRefreshesTheSessionListAndContinuesTheSession() {
        vm.draftProperty().set("first");
        vm.send();

        assertThat(vm.chatIdProperty().get()).isEqualTo("c-new");
        assertThat(sessions.currentChatIdProperty().get()).isEqualTo("c-new");
        assertThat(service.queries).hasSize(1);

        vm.draftProperty().set("second");
        vm.send();
        assertThat(service.sent.getLast().chatId()).isEqualTo("c-new");
    }

    @Test
    void aBlankDraftIsNotSent() {
        vm.draftProperty().set("   ");
        assertThat(vm.canSendProperty().get()).isFalse();
        vm.send();
        assertThat(service.sent).isEmpty();
        assertThat(vm.messages()).isEmpty();
    }

    @Test
    void aFailureShowsAnInlineErrorAndRetryAsksAgain() {
        service.failNextSends = 1;
        vm.draftProperty().set("hello?");

        vm.send();

        assertThat(vm.errorProperty().get()).contains("can't be reached");
        assertThat(vm.canRetryProperty().get()).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.messages()).extracting(MessageItem::text).containsExactly("hello?");

        vm.retry();

        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.canRetryProperty().get()).isFalse();
        assertThat(vm.messages()).extracting(MessageItem::text).containsExactly("hello?", "Hello there");
        assertThat(service.sent).extracting(r -> r.message()).containsExactly("hello?", "hello?");
    }

    @Test
    void newChatClearsTheConversation() {
        vm.draftProperty().set("first");
        vm.send();
        vm.draftProperty().set("half-typed");

        vm.newChat();

        assertThat(vm.messages()).isEmpty();
        assertThat(vm.chatIdProperty().get()).isNull();
        assertThat(vm.draftProperty().get()).isEmpty();
        assertThat(sessions.currentChatIdProperty().get()).isNull();
        vm.draftProperty().set("again");
        vm.send();
        assertThat(service.sent.getLast().chatId()).isNull();
    }

    @Test
    void aReopenedChatShowsWhatDonnaDidBeforeEachReply() {
        service.messages.put("c8", List.of(new ChatMessage("1", "user", "What did Ann write?", "chat", Instant.EPOCH),
                new ChatMessage("2", "assistant", "Ann asked about lunch.", "chat", Instant.EPOCH, List.of(
                        new donna.core.tools.ToolStep("call_1", "search_mail",
                                donna.core.tools.ToolStep.Status.DONE, "Searched mail for from:ann: 1 found", 12)))));

        sessions.open(FakeChatService.session("c8", "Ann"));

        assertThat(vm.messages().get(1).steps()).extracting(donna.app.actions.ToolStepItem::text)
                .containsExactly("Searched mail for from:ann: 1 found");
        assertThat(vm.messages().getFirst().steps()).isEmpty();
    }

    @Test
    void openingASessionShowsItsMessagesAndProfile() {
        service.messages.put("c7", List.of(new ChatMessage("1", "user", "Q", "chat", Instant.EPOCH),
                new ChatMessage("2", "assistant", "A", "voice", Instant.EPOCH)));

        sessions.open(FakeChatService.session("c7", "Pricing"));

        assertThat(vm.chatIdProperty().get()).isEqualTo("c7");
        assertThat(vm.profileProperty().get()).isEqualTo(Profile.SALES);
        assertThat(vm.messages()).extracting(MessageItem::author, MessageItem::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MessageItem.Author.USER, "Q"),
                org.assertj.core.groups.Tuple.tuple(MessageItem.Author.DONNA, "A"));
    }

    @Test
    void deletingTheOpenSessionStartsANewChat() {
        service.stored.add(FakeChatService.session("c7", "Pricing"));
        sessions.refresh();
        sessions.open(sessions.sessions().getFirst());

        sessions.delete(sessions.sessions().getFirst());

        assertThat(service.deleted).containsExactly("c7");
        assertThat(vm.chatIdProperty().get()).isNull();
        assertThat(vm.messages()).isEmpty();
    }
}
