package donna.app.actions;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.mail.outbox.OutboxState;
import donna.core.tools.Draft;
import donna.core.tools.TurnAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A draft card: editable until Send; Send saves, asks, confirms and queues once; the card follows the outbox. */
class TestDraftCardViewModel {
    private final CardsFixture f = new CardsFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private DraftCardViewModel card(Draft d) {
        f.service.add(d);
        return (DraftCardViewModel) f.cards.cardsFor(List.of(new TurnAction.DraftReady(d))).getFirst();
    }

    @Test
    void send_saves_the_edits_asks_confirms_and_the_mail_goes_out_once_under_the_draft_id() {
        DraftCardViewModel card = card(FakeActionService.draft("d-00000001", "ann@example.com", "Re: Contract",
                "Tuesday works."));
        assertThat(card.editableProperty().get()).isTrue();
        assertThat(f.service.calls).as("nothing happens before the click").isEmpty();

        card.bodyProperty().set("Tuesday works. Best, Sam");
        card.ccProperty().set("bo@example.com");
        card.send();

        assertThat(f.service.calls).containsExactly("edit d-00000001", "send_draft d-00000001", "confirm a-1");
        assertThat(f.sent).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("d-00000001");
            assertThat(s.mail().body()).isEqualTo("Tuesday works. Best, Sam");
            assertThat(s.mail().cc()).containsExactly("bo@example.com");
        });
        assertThat(card.stateProperty().get()).isEqualTo(CardState.SENT);
        assertThat(card.statusProperty().get()).isEqualTo("Sent");
        assertThat(card.editableProperty().get()).isFalse();

        card.send();
        assertThat(f.service.calls).as("a sent card sends nothing more").hasSize(3);
        assertThat(f.outbox()).hasSize(1);
    }

    @Test
    void offline_the_card_shows_queued_with_the_reason_and_sent_once_the_outbox_gets_through() {
        DraftCardViewModel card = card(FakeActionService.draft("d-00000002", "ann@example.com", "Hi", "Hello"));
        f.offline = true;
        List<CardState> seen = new ArrayList<>();
        card.stateProperty().addListener((o, was, now) -> seen.add(now));

        card.send();

        assertThat(card.stateProperty().get()).isEqualTo(CardState.QUEUED);
        assertThat(card.statusProperty().get()).startsWith("Queued in the outbox: ").contains("can't be reached");
        assertThat(f.sent).isEmpty();

        f.offline = false;
        f.flusher.resetBackoff();
        f.flusher.flush();

        assertThat(card.stateProperty().get()).isEqualTo(CardState.SENT);
        assertThat(seen).containsSubsequence(CardState.WORKING, CardState.QUEUED, CardState.SENDING, CardState.SENT);
        assertThat(f.sent).hasSize(1);
    }

    @Test
    void a_mail_the_service_refuses_shows_failed_with_the_reason() {
        DraftCardViewModel card = card(FakeActionService.draft("d-00000003", "ann@example.com", "Hi", "Hello"));
        f.refuseNext = "No such mailbox: ann@example.com";

        card.send();

        assertThat(card.stateProperty().get()).isEqualTo(CardState.FAILED);
        assertThat(card.statusProperty().get()).isEqualTo("Failed: No such mailbox: ann@example.com");
        assertThat(f.outbox()).singleElement().extracting(e -> e.state()).isEqualTo(OutboxState.FAILED);
    }

    @Test
    void a_service_failure_keeps_the_card_open_with_the_error_and_nothing_queued() {
        DraftCardViewModel card = card(FakeActionService.draft("d-00000004", "ann@example.com", "Hi", "Hello"));
        f.service.failNextCalls = 1;

        card.send();

        assertThat(card.stateProperty().get()).isEqualTo(CardState.OPEN);
        assertThat(card.errorProperty().get()).startsWith("Not sent.").contains("can't be reached");
        assertThat(f.outbox()).isEmpty();

        card.send();
        assertThat(card.stateProperty().get()).isEqualTo(CardState.SENT);
        assertThat(card.errorProperty().get()).isNull();
        assertThat(f.sent).hasSize(1);
    }

    @Test
    void a_recipient_with_a_display_name_as_drafted_replies_come_is_sent_as_it_is() {
        DraftCardViewModel card = card(FakeActionService.draft("d-00000009", "Ann Lee <ann@example.com>", "Re: Hi",
                "Hello"));

        card.send();

        assertThat(card.errorProperty().get()).isNull();
        assertThat(card.stateProperty().get()).isEqualTo(CardState.SENT);
        assertThat(f.sent).hasSize(1);
    }

    @Test
    void a_bad_or_missing_recipient_is_said_before_anything_is_asked() {
        DraftCardViewModel card = card(FakeActionService.draft("d-00000005", "ann@example.com", "Hi", "Hello"));

        card.toProperty().set("ann at example");
        card.send();
        assertThat(card.errorProperty().get()).isEqualTo("Not a mail address: ann at example");

        card.toProperty().set("  ");
        assertThat(card.canSendProperty().get()).isFalse();

        assertThat(f.service.calls).isEmpty();
        assertThat(card.stateProperty().get()).isEqualTo(CardState.OPEN);
    }

    @Test
    void discard_throws_the_draft_away_at_the_service() {
        DraftCardViewModel card = card(FakeActionService.draft("d-00000006", "ann@example.com", "Hi", "Hello"));

        card.discard();

        assertThat(f.service.calls).containsExactly("discard d-00000006");
        assertThat(card.stateProperty().get()).isEqualTo(CardState.DISCARDED);
        assertThat(card.statusProperty().get()).isEqualTo("Discarded");
        card.send();
        assertThat(f.service.calls).hasSize(1);
    }

    @Test
    void open_in_mail_hands_over_the_draft_as_edited() {
        List<Draft> opened = new ArrayList<>();
        f.cards.setOnOpenInMail(opened::add);
        DraftCardViewModel card = card(FakeActionService.draft("d-00000007", "ann@example.com", "Hi", "Hello"));
        card.subjectProperty().set("Hi Ann");
        card.toProperty().set("ann@example.com, bo@example.com");

        card.openInMail();

        assertThat(opened).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("Hi Ann");
            assertThat(d.to()).containsExactly("ann@example.com", "bo@example.com");
        });
        assertThat(f.service.calls).isEmpty();
    }
}
