package donna.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.actions.ActionCards;
import donna.app.actions.CardItem;
import donna.app.actions.DraftCardViewModel;
import donna.app.actions.FakeActionService;
import donna.app.actions.ToolStepItem;
import donna.app.common.SameThreadTaskExecutor;
import donna.core.chat.ChatReply;
import donna.core.chat.ChatRequest;
import donna.core.chat.Profile;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.Outbox;
import donna.core.tools.Draft;
import donna.core.tools.ToolStep;
import donna.core.tools.TurnAction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A turn that acts: its tool steps show live above DONNA's answer, its draft as a card below it. */
class TestChatToolSteps {
    private final MailDatabase db = MailDatabase.inMemory();
    private final Draft draft = FakeActionService.draft("d-00000031", "ann@example.com", "Re: Contract",
            "Tuesday works.");
    private final List<String> seenWhileStreaming = new ArrayList<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private MessageItem reply;

    private final FakeChatService service = new FakeChatService() {
        @Override
        public ChatReply send(ChatRequest request, Consumer<String> onDelta, Consumer<ToolStep> onTool) {
            requests.add(request);
            onTool.accept(new ToolStep("call_1", "search_mail", ToolStep.Status.RUNNING, "", -1));
            seenWhileStreaming.add(reply().steps().getFirst().text());
            onTool.accept(new ToolStep("call_1", "search_mail", ToolStep.Status.DONE, "3 found", -1));
            seenWhileStreaming.add(reply().steps().getFirst().text());
            onTool.accept(new ToolStep("call_2", "draft_reply", ToolStep.Status.RUNNING, "", -1));
            onDelta.accept("Here is a draft.");
            return new ChatReply("Here is a draft.", "draft_ready", new ChatReply.Metadata(Profile.GENERAL, false,
                    "c1", true, null, List.of(new TurnAction.DraftReady(draft)), List.of(
                    new ToolStep("call_1", "search_mail", ToolStep.Status.DONE, "3 found", 40),
                    new ToolStep("call_2", "draft_reply", ToolStep.Status.DONE, "to Ann", 900))));
        }
    };
    private final SameThreadTaskExecutor tasks = new SameThreadTaskExecutor();
    private final FakeActionService actions = new FakeActionService();
    private final ChatViewModel vm = new ChatViewModel(service, tasks, Runnable::run,
            new SessionListViewModel(service, tasks),
            new ActionCards(actions, new Outbox(db, Clock.systemUTC()), () -> { }, tasks, Runnable::run));

    private MessageItem reply() {
        reply = vm.messages().getLast();
        return reply;
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void steps_show_as_they_happen_and_the_draft_becomes_a_card_under_the_answer() {
        vm.draftProperty().set("draft a reply to Ann saying Tuesday works");

        vm.send();

        assertThat(requests.getFirst().clientOutbox()).as("the app queues confirmed mail itself").isTrue();
        assertThat(seenWhileStreaming).containsExactly("Searching mail\u2026", "Searched mail: 3 found");
        MessageItem donna = vm.messages().getLast();
        assertThat(donna.text()).isEqualTo("Here is a draft.");
        assertThat(donna.steps()).extracting(ToolStepItem::text)
                .containsExactly("Searched mail: 3 found", "Drafted a reply: to Ann");
        assertThat(donna.cards()).singleElement().isInstanceOfSatisfying(DraftCardViewModel.class, card -> {
            assertThat(card.draftId()).isEqualTo("d-00000031");
            assertThat(card.toProperty().get()).isEqualTo("ann@example.com");
            assertThat(card.bodyProperty().get()).isEqualTo("Tuesday works.");
        });
        assertThat(actions.calls).as("showing a draft sends nothing").isEmpty();
    }

    @Test
    void a_plain_turn_has_no_steps_and_no_cards() {
        FakeChatService plain = new FakeChatService();
        ChatViewModel chat = new ChatViewModel(plain, tasks, Runnable::run, new SessionListViewModel(plain, tasks));
        chat.draftProperty().set("hi");

        chat.send();

        assertThat(chat.messages().getLast().steps()).isEmpty();
        List<CardItem> cards = chat.messages().getLast().cards();
        assertThat(cards).isEmpty();
    }

    @Test
    void a_view_listening_to_a_turn_still_hears_its_cards_and_steps_after_a_garbage_collection() {
        MessageItem item = MessageItem.donnaStreaming();
        List<String> heard = new ArrayList<>();
        // As MessageBubble does: a listener on the read-only view, the view itself held by nobody else.
        item.cards().addListener((javafx.collections.ListChangeListener<CardItem>) c -> heard.add("card"));
        item.steps().addListener((javafx.collections.ListChangeListener<ToolStepItem>) c -> heard.add("step"));
        collectGarbage();

        item.step(new ToolStep("call_1", "search_mail", ToolStep.Status.DONE, "1 found", 20));
        item.addCards(List.of(new donna.app.actions.MemoryNote("sign-off", "Best, Sam")));

        assertThat(heard).containsExactly("step", "card");
    }

    /** Returns once a collection has run: an object only weakly held is gone. */
    private static void collectGarbage() {
        java.lang.ref.WeakReference<Object> canary = new java.lang.ref.WeakReference<>(new Object());
        while (canary.get() != null) {
            System.gc();
        }
    }
}
