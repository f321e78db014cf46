package donna.app.today;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.leads.Lead;
import donna.core.mail.AutopilotDraft;
import donna.core.mail.DraftReply;
import donna.core.today.SentFollowUp;
import donna.core.today.TakenMessage;
import donna.core.today.Today;
import donna.core.today.TriageStatus;
import donna.core.today.TriagedMail;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Today pane's logic: triage grouped by bucket with progress while the service sorts (read again until done),
 * the review queue's approve (the person's yes) and discard, follow-ups drafted into the composer and never sent,
 * messages done in one click, failures said.
 */
class TestTodayViewModel {
    private static final Instant AT = Instant.parse("2026-12-07T09:30:00Z");

    private final List<TakenMessage> waiting = new ArrayList<>(List.of(
            new TakenMessage("m-1", "Bob Hale", "+1 555 0100", "Call me about the van", "before 5 pm Friday", false,
                    AT),
            new TakenMessage("m-2", "Eve", "", "Ring back", null, false, null)));
    private final List<TriagedMail> triage = new ArrayList<>(List.of(
            new TriagedMail("g1", "needs_reply", "Ann asks about lunch.", "Ann Lee <ann@example.com>", "Lunch?", AT),
            new TriagedMail("g2", "can_wait", "A newsletter.", "news@updates.example.com", "News", AT),
            new TriagedMail("g3", null, "DONNA could not sort this mail", "Cy <cy@example.com>", "", AT)));
    private final List<AutopilotDraft> queue = new ArrayList<>(List.of(
            new AutopilotDraft("d-1", "g9", List.of("bo@example.com"), "Re: Friday", "Friday works.", AT)));
    private TriageStatus status = new TriageStatus("connected", 5, 2, true, null);
    private final List<String> calls = new ArrayList<>();
    private final List<Runnable> later = new ArrayList<>();
    private boolean refuse;
    private int days = 3;
    private String followUpsError;
    private final TodayService service = new TodayService() {
        @Override
        public Today load() {
            calls.add("load");
            return new Today(waiting, List.of(new Lead("l-1", "Sam Reed", "sam@acme.example", "Acme", "contacted",
                    "hot", "asked for pricing", "mail", LocalDate.of(2026, 12, 7), "", List.of())), triage, status,
                    queue, List.of(new SentFollowUp("s-1", "t-1", "Bo Park <bo@studio.example>", "Quote",
                            Instant.parse("2026-12-01T08:00:00Z"), 6)), days, followUpsError);
        }

        @Override
        public TakenMessage markDone(String messageId, boolean done) {
            calls.add("done " + messageId);
            refuseIfAsked();
            waiting.removeIf(m -> m.id().equals(messageId));
            return null;
        }

        @Override
        public void approveDraft(String draftId) {
            calls.add("approve " + draftId);
            refuseIfAsked();
            queue.removeIf(d -> d.id().equals(draftId));
        }

        @Override
        public void discardDraft(String draftId) {
            calls.add("discard " + draftId);
            refuseIfAsked();
            queue.removeIf(d -> d.id().equals(draftId));
        }

        @Override
        public DraftReply draftFollowUp(String messageId) {
            calls.add("draft " + messageId);
            refuseIfAsked();
            return new DraftReply(List.of("Bo Park <bo@studio.example>"), List.of(), "Re: Quote", "Following up.",
                    messageId);
        }

        @Override
        public int setFollowUpDays(int days) {
            calls.add("days " + days);
            TestTodayViewModel.this.days = days;
            return days;
        }

        private void refuseIfAsked() {
            if (refuse) {
                throw new ServiceException(new ServiceError(503, "database_unavailable", "try again", null));
            }
        }
    };
    private final TodayViewModel vm = new TodayViewModel(service, new SameThreadTaskExecutor(), ZoneOffset.UTC,
            later::add);

    @Test
    void sent_mail_that_could_not_be_checked_says_why_and_clears_once_it_was() {
        followUpsError = "Gmail is unavailable; try again shortly";
        vm.refresh();

        assertThat(vm.followUpsErrorProperty().get())
                .isEqualTo("Could not check your sent mail for replies. Gmail is unavailable; try again shortly");

        followUpsError = null;
        vm.refresh();

        assertThat(vm.followUpsErrorProperty().get()).isNull();
        assertThat(vm.followUps()).extracting(SentFollowUp::messageId).containsExactly("s-1");
    }

    @Test
    void triage_is_grouped_by_bucket_with_progress_and_read_again_until_sorted() {
        vm.refresh();

        assertThat(vm.inBucket("needs_reply")).extracting(TodayViewModel::mailLine)
                .containsExactly("Ann Lee \u00b7 Lunch?");
        assertThat(vm.inBucket("can_wait")).extracting(TriagedMail::reason).containsExactly("A newsletter.");
        assertThat(vm.inBucket(null)).extracting(TodayViewModel::mailLine).containsExactly("Cy \u00b7 (no subject)");
        assertThat(vm.inBucket("fyi")).isEmpty();
        assertThat(vm.sortingProperty().get()).isTrue();
        assertThat(vm.triageNoteProperty().get()).isEqualTo("DONNA is sorting your unread mail: 3 of 5 done\u2026");
        assertThat(later).as("read again a little later").hasSize(1);

        status = new TriageStatus("connected", 5, 0, false, null);
        later.removeFirst().run();

        assertThat(calls).containsExactly("load", "load");
        assertThat(vm.sortingProperty().get()).isFalse();
        assertThat(vm.triageNoteProperty().get()).isNull();
        assertThat(later).as("sorted: no more reads").isEmpty();
    }

    @Test
    void without_gmail_or_with_a_model_failure_the_note_says_so_and_nothing_polls() {
        status = new TriageStatus("not_connected", 0, 0, false, "Gmail is not connected; connect it first");
        vm.refresh();
        assertThat(vm.triageNoteProperty().get()).startsWith("Connect Gmail");
        assertThat(vm.sortingProperty().get()).isFalse();

        status = new TriageStatus("connected", 4, 4, false, "DONNA could not reach the model to sort your mail; "
                + "it will try again.");
        vm.refresh();
        assertThat(vm.triageNoteProperty().get()).contains("could not reach the model").endsWith(
                "(4 unread mails not sorted yet)");
        assertThat(later).isEmpty();
    }

    @Test
    void opening_a_mail_or_a_drafts_mail_goes_to_mail() {
        List<String> opened = new ArrayList<>();
        vm.setOnOpenMail(opened::add);
        vm.refresh();

        vm.open(vm.inBucket("needs_reply").getFirst().messageId());
        vm.open(vm.reviewQueue().getFirst().messageId());

        assertThat(opened).containsExactly("g1", "g9");
    }

    @Test
    void approve_is_the_persons_yes_and_a_refusal_puts_the_draft_back() {
        vm.refresh();
        refuse = true;
        vm.approve(vm.reviewQueue().getFirst());
        assertThat(calls).contains("approve d-1");
        assertThat(vm.reviewQueue()).extracting(AutopilotDraft::id).containsExactly("d-1");
        assertThat(vm.errorProperty().get()).startsWith("Could not send the reply to bo@example.com.");

        refuse = false;
        vm.approve(vm.reviewQueue().getFirst());
        assertThat(vm.reviewQueue()).isEmpty();
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void discard_takes_the_draft_off() {
        vm.refresh();
        vm.discard(vm.reviewQueue().getFirst());
        assertThat(calls).contains("discard d-1").doesNotContain("approve d-1");
        assertThat(vm.reviewQueue()).isEmpty();
    }

    @Test
    void draft_a_follow_up_opens_the_draft_for_the_person_and_sends_nothing() {
        List<DraftReply> opened = new ArrayList<>();
        vm.setOnOpenDraft(opened::add);
        vm.refresh();
        assertThat(vm.followUps()).extracting(vm::followUpLine)
                .containsExactly("To Bo Park \u00b7 Quote \u00b7 sent Tue 1 Dec, 6 days ago");

        vm.draftFollowUp(vm.followUps().getFirst());

        assertThat(opened).singleElement().satisfies(d -> {
            assertThat(d.to()).containsExactly("Bo Park <bo@studio.example>");
            assertThat(d.replyToMessageId()).isEqualTo("s-1");
        });
        assertThat(calls).contains("draft s-1").noneMatch(c -> c.startsWith("approve"));

        refuse = true;
        vm.draftFollowUp(vm.followUps().getFirst());
        assertThat(opened).hasSize(1);
        assertThat(vm.errorProperty().get()).startsWith("Could not draft a follow-up to Bo Park");
    }

    @Test
    void the_follow_up_setting_is_saved_and_today_read_again() {
        vm.refresh();
        assertThat(vm.followUpDaysProperty().get()).isEqualTo(3);

        vm.saveFollowUpDays(7);

        assertThat(calls).containsSubsequence("days 7", "load");
        assertThat(vm.followUpDaysProperty().get()).isEqualTo(7);
    }

    @Test
    void shows_the_messages_waiting_and_the_lead_follow_ups_due_in_words() {
        assertThat(vm.loadedProperty().get()).as("nothing said before the first load").isFalse();
        vm.refresh();

        assertThat(vm.loadedProperty().get()).isTrue();
        assertThat(vm.messages()).extracting(vm::heading).containsExactly(
                "Bob Hale \u00b7 +1 555 0100 \u00b7 taken Mon 7 Dec, 09:30 \u00b7 call back before 5 pm Friday",
                "Eve");
        assertThat(vm.leadFollowUps()).extracting(TodayViewModel::followUp)
                .containsExactly("Sam Reed (Acme) \u00b7 sam@acme.example \u00b7 due Mon 7 Dec");
    }

    @Test
    void done_takes_a_message_off_at_once_and_puts_it_back_when_the_service_refuses() {
        vm.refresh();
        vm.done(vm.messages().getFirst());
        assertThat(calls).contains("done m-1");
        assertThat(vm.messages()).extracting(TakenMessage::id).containsExactly("m-2");

        refuse = true;
        vm.done(vm.messages().getFirst());
        assertThat(vm.messages()).extracting(TakenMessage::id).containsExactly("m-2");
        assertThat(vm.errorProperty().get()).startsWith("Could not mark the message from Eve done.");
    }
}
