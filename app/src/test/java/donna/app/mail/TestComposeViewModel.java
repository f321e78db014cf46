package donna.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.mail.DraftReply;
import donna.core.mail.OutgoingMail;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxState;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Compose and reply: "Draft with DONNA" fills the editor and never sends; Send writes to the outbox. */
class TestComposeViewModel {
    private final FakeMailService service = new FakeMailService();
    private final MailDatabase db = MailDatabase.inMemory();
    private final Outbox outbox = new Outbox(db, Clock.systemUTC());
    private int flushes;
    private final ComposeViewModel vm = new ComposeViewModel(service, outbox, new SameThreadTaskExecutor(),
            () -> flushes++);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_reply_goes_to_the_sender_with_re_and_threads_on_the_message() {
        vm.reply(FakeMailService.message("m1", "Lunch on Thursday?", null));

        assertThat(vm.openProperty().get()).isTrue();
        assertThat(vm.toProperty().get()).isEqualTo("ann@example.com");
        assertThat(vm.subjectProperty().get()).isEqualTo("Re: Lunch on Thursday?");
        assertThat(vm.replyToProperty().get()).isEqualTo("m1");
        vm.reply(FakeMailService.message("m2", "RE: already a reply", null));
        assertThat(vm.subjectProperty().get()).isEqualTo("RE: already a reply");
    }

    @Test
    void a_mailto_link_opens_a_new_mail_to_that_address() {
        vm.mailTo("bob@example.com", "Lunch on Friday");

        assertThat(vm.openProperty().get()).isTrue();
        assertThat(vm.toProperty().get()).isEqualTo("bob@example.com");
        assertThat(vm.subjectProperty().get()).isEqualTo("Lunch on Friday");
        assertThat(vm.replyToProperty().get()).isNull();
    }

    @Test
    void draft_with_donna_fills_the_editor_and_sends_nothing() {
        service.draft = new DraftReply(List.of("ann@example.com"), List.of("bo@example.com"), "Re: Lunch",
                "Thursday at 12:30 works for me.", "m1");
        vm.reply(FakeMailService.message("m1", "Lunch", null));
        vm.instructionsProperty().set("accept");

        vm.draftWithDonna();

        assertThat(service.draftCalls).containsExactly("m1|accept");
        assertThat(vm.bodyProperty().get()).isEqualTo("Thursday at 12:30 works for me.");
        assertThat(vm.ccProperty().get()).isEqualTo("bo@example.com");
        assertThat(vm.openProperty().get()).isTrue();
        assertThat(outbox.list()).as("drafting never sends").isEmpty();
        assertThat(flushes).isZero();
    }

    @Test
    void send_writes_to_the_outbox_then_asks_for_a_flush_and_closes() {
        vm.reply(FakeMailService.message("m1", "Lunch", null));
        vm.toProperty().set("ann@example.com; bo@example.com");
        vm.bodyProperty().set("See you there.");

        vm.send();

        OutboxEntry queued = outbox.list().getFirst();
        assertThat(queued.mail()).isEqualTo(new OutgoingMail(List.of("ann@example.com", "bo@example.com"), List.of(),
                List.of(), "Re: Lunch", "See you there.", "m1"));
        assertThat(queued.state()).isEqualTo(OutboxState.QUEUED);
        assertThat(flushes).isEqualTo(1);
        assertThat(vm.openProperty().get()).isFalse();
    }

    @Test
    void a_bad_address_is_said_in_the_composer_and_nothing_is_queued() {
        vm.newMail();
        vm.toProperty().set("ann.example.com");

        vm.send();

        assertThat(vm.errorProperty().get()).isEqualTo("Not a mail address in to: ann.example.com");
        assertThat(vm.openProperty().get()).isTrue();
        assertThat(outbox.list()).isEmpty();
        vm.toProperty().set("");
        assertThat(vm.canSendProperty().get()).isFalse();
    }

    @Test
    void editing_a_queued_mail_changes_it_in_place() {
        OutboxEntry queued = outbox.queue(OutgoingMail.to("ann@example.com", "Draft", "first version"));

        vm.edit(queued);
        assertThat(vm.bodyProperty().get()).isEqualTo("first version");
        vm.bodyProperty().set("second version");
        vm.send();

        assertThat(outbox.list()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(queued.id());
            assertThat(e.mail().body()).isEqualTo("second version");
            assertThat(e.idempotencyKey()).isEqualTo(queued.idempotencyKey());
        });
    }
}
