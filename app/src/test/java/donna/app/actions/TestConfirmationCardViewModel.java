package donna.app.actions;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.tools.PendingAction;
import donna.core.tools.TurnAction;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A pending send: new addresses marked; Send confirms and queues; Cancel cancels; nothing without the click. */
class TestConfirmationCardViewModel {
    private final CardsFixture f = new CardsFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private ConfirmationCardViewModel card(PendingAction a) {
        f.service.add(a);
        return (ConfirmationCardViewModel) f.cards.cardsFor(List.of(new TurnAction.ConfirmationNeeded(a))).getFirst();
    }

    private static PendingAction action(String id, List<String> newAddresses) {
        return FakeActionService.action(id, new donna.core.tools.Draft("d-" + id + "-0000", List.of("ann@example.com",
                "x@evil.example"), List.of(), "Contract", "Forwarding as asked.", null, null, null, "open", null, null),
                newAddresses);
    }

    @Test
    void a_first_time_recipient_is_marked_new_and_nothing_happens_before_the_click() {
        ConfirmationCardViewModel card = card(action("a-10", List.of("x@evil.example")));

        assertThat(card.to()).containsExactly(new ConfirmationCardViewModel.Recipient("ann@example.com", false),
                new ConfirmationCardViewModel.Recipient("x@evil.example", true));
        assertThat(card.hasNewAddress()).isTrue();
        assertThat(f.service.calls).isEmpty();
        assertThat(f.outbox()).isEmpty();
    }

    @Test
    void send_confirms_and_the_mail_goes_out_once_under_the_draft_id() {
        ConfirmationCardViewModel card = card(action("a-11", List.of()));

        card.send();
        card.send();

        assertThat(f.service.calls).containsExactly("confirm a-11");
        assertThat(f.sent).singleElement().extracting(CardsFixture.Sent::key).isEqualTo("d-a-11-0000");
        assertThat(card.stateProperty().get()).isEqualTo(CardState.SENT);
    }

    @Test
    void cancel_cancels_at_the_service_and_sends_nothing() {
        ConfirmationCardViewModel card = card(action("a-12", List.of()));

        card.cancel();
        card.send();

        assertThat(f.service.calls).containsExactly("cancel a-12");
        assertThat(card.stateProperty().get()).isEqualTo(CardState.CANCELLED);
        assertThat(card.statusProperty().get()).isEqualTo("Cancelled");
        assertThat(f.outbox()).isEmpty();
    }

    @Test
    void a_refused_confirmation_is_shown_and_nothing_is_queued() {
        ConfirmationCardViewModel card = card(action("a-13", List.of()));
        f.service.cancel("a-13"); // cancelled elsewhere meanwhile
        f.service.calls.clear();

        card.send();

        assertThat(card.stateProperty().get()).isEqualTo(CardState.OPEN);
        assertThat(card.errorProperty().get()).isEqualTo("Not sent. That send is no longer waiting");
        assertThat(f.outbox()).isEmpty();
    }
}
