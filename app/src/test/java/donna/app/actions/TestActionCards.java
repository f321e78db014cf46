package donna.app.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import donna.core.tools.Draft;
import donna.core.tools.PendingAction;
import donna.core.tools.TurnAction;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cards of a turn: one per draft and action, a yes relayed in chat queued once, however it arrives. */
class TestActionCards {
    private final CardsFixture f = new CardsFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void a_send_confirmed_in_chat_is_queued_once_even_when_the_reply_names_it_twice() {
        Draft d = f.service.add(FakeActionService.draft("d-00000020", "ann@example.com", "Hi", "Hello"));
        PendingAction a = FakeActionService.action("a-20", d, List.of());
        TurnAction.SendConfirmed yes = new TurnAction.SendConfirmed(a, FakeActionService.mailOf(a));

        List<CardItem> first = f.cards.cardsFor(List.of(yes));
        List<CardItem> again = f.cards.cardsFor(List.of(yes));

        assertThat(first).singleElement().isInstanceOf(ConfirmationCardViewModel.class);
        assertThat(again).as("the card on screen takes it").isEmpty();
        assertThat(f.outbox()).hasSize(1);
        assertThat(f.sent).singleElement().extracting(CardsFixture.Sent::key).isEqualTo("d-00000020");
        assertThat(((ConfirmationCardViewModel) first.getFirst()).stateProperty().get()).isEqualTo(CardState.SENT);
        assertThat(f.service.calls).as("no click was needed: the service confirmed it").isEmpty();
    }

    @Test
    void a_yes_in_chat_after_the_card_was_shown_lands_on_that_card() {
        Draft d = f.service.add(FakeActionService.draft("d-00000021", "ann@example.com", "Hi", "Hello"));
        PendingAction a = f.service.add(FakeActionService.action("a-21", d, List.of()));
        ConfirmationCardViewModel card = (ConfirmationCardViewModel) f.cards.cardsFor(
                List.of(new TurnAction.ConfirmationNeeded(a))).getFirst();

        List<CardItem> later = f.cards.cardsFor(List.of(new TurnAction.SendConfirmed(a, FakeActionService.mailOf(a))));

        assertThat(later).isEmpty();
        assertThat(card.stateProperty().get()).isEqualTo(CardState.SENT);
        assertThat(f.sent).hasSize(1);
    }

    @Test
    void a_click_and_a_relayed_yes_for_the_same_draft_still_send_one_mail() {
        Draft d = f.service.add(FakeActionService.draft("d-00000022", "ann@example.com", "Hi", "Hello"));
        DraftCardViewModel draft = (DraftCardViewModel) f.cards.cardsFor(List.of(new TurnAction.DraftReady(d)))
                .getFirst();
        draft.send(); // the click: send_draft -> a-1 -> confirmed -> queued and sent

        PendingAction other = FakeActionService.action("a-99", d, List.of());
        f.cards.cardsFor(List.of(new TurnAction.SendConfirmed(other, FakeActionService.mailOf(other))));

        assertThat(f.outbox()).hasSize(1);
        assertThat(f.sent).hasSize(1);
    }

    @Test
    void a_draft_the_same_turn_asks_to_send_shows_only_as_the_confirmation_and_repeats_give_no_second_card() {
        Draft d = f.service.add(FakeActionService.draft("d-00000023", "ann@example.com", "Hi", "Hello"));
        PendingAction a = f.service.add(FakeActionService.action("a-23", d, List.of()));

        List<CardItem> cards = f.cards.cardsFor(List.of(new TurnAction.DraftReady(d),
                new TurnAction.ConfirmationNeeded(a), new TurnAction.MemorySaved("sign_off",
                        TextNode.valueOf("Best, Sam"))));
        List<CardItem> repeat = f.cards.cardsFor(List.of(new TurnAction.ConfirmationNeeded(a)));

        assertThat(cards).hasSize(2);
        assertThat(cards.get(0)).isInstanceOf(ConfirmationCardViewModel.class);
        assertThat(cards.get(1)).isEqualTo(new MemoryNote("sign_off", "Best, Sam"));
        assertThat(((MemoryNote) cards.get(1)).text()).isEqualTo("Remembered sign_off: Best, Sam");
        assertThat(repeat).isEmpty();
        assertThat(f.outbox()).as("showing cards sends nothing").isEmpty();
    }
}
