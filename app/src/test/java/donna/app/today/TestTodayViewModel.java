package donna.app.today;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.leads.Lead;
import donna.core.today.TakenMessage;
import donna.core.today.Today;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Today pane: messages waiting and follow-ups due, a message done in one click, failures said. */
class TestTodayViewModel {
    private final List<TakenMessage> waiting = new ArrayList<>(List.of(
            new TakenMessage("m-1", "Bob Hale", "+1 555 0100", "Call me about the van", "before 5 pm Friday", false,
                    Instant.parse("2026-12-07T09:30:00Z")),
            new TakenMessage("m-2", "Eve", "", "Ring back", null, false, null)));
    private final List<String> calls = new ArrayList<>();
    private boolean refuseDone;
    private final TodayService service = new TodayService() {
        @Override
        public Today load() {
            calls.add("load");
            return new Today(waiting, List.of(new Lead("l-1", "Sam Reed", "sam@acme.example", "Acme", "contacted",
                    "hot", "asked for pricing", "mail", LocalDate.of(2026, 12, 7), "", List.of())));
        }

        @Override
        public TakenMessage markDone(String messageId, boolean done) {
            calls.add("done " + messageId);
            if (refuseDone) {
                throw new ServiceException(new ServiceError(503, "database_unavailable", "try again", null));
            }
            waiting.removeIf(m -> m.id().equals(messageId));
            return null;
        }
    };
    private final TodayViewModel vm = new TodayViewModel(service, new SameThreadTaskExecutor(), ZoneOffset.UTC);

    @Test
    void shows_the_messages_waiting_and_the_follow_ups_due_in_words() {
        assertThat(vm.loadedProperty().get()).as("nothing said before the first load").isFalse();
        vm.refresh();

        assertThat(vm.loadedProperty().get()).isTrue();
        assertThat(vm.messages()).extracting(vm::heading).containsExactly(
                "Bob Hale \u00b7 +1 555 0100 \u00b7 taken Mon 7 Dec, 09:30 \u00b7 call back before 5 pm Friday",
                "Eve");
        assertThat(vm.followUps()).extracting(TodayViewModel::followUp)
                .containsExactly("Sam Reed (Acme) \u00b7 sam@acme.example \u00b7 due Mon 7 Dec");
    }

    @Test
    void done_takes_a_message_off_at_once_and_puts_it_back_when_the_service_refuses() {
        vm.refresh();
        vm.done(vm.messages().getFirst());
        assertThat(calls).contains("done m-1");
        assertThat(vm.messages()).extracting(TakenMessage::id).containsExactly("m-2");

        refuseDone = true;
        vm.done(vm.messages().getFirst());
        assertThat(vm.messages()).extracting(TakenMessage::id).containsExactly("m-2");
        assertThat(vm.errorProperty().get()).startsWith("Could not mark the message from Eve done.");
    }
}
