package donna.app.sales;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.actions.DraftCardViewModel;
import donna.app.common.SameThreadTaskExecutor;
import donna.core.leads.Lead;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Find leads in my inbox" and a lead's detail, in the view models alone (no window). */
class TestLeadScanViewModel {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private final FakeSalesService service = new FakeSalesService(TODAY)
            .add("l1", "Ann Lee", "Acme", "new", "hot", null);
    private final SalesViewModel vm = new SalesViewModel(service, new SameThreadTaskExecutor(), () -> TODAY);
    private final LeadScanViewModel scan = vm.scan();

    @Test
    void a_scan_shows_progress_then_proposals_and_adds_only_the_ticked_ones() {
        service.scans.add(FakeSalesService.scan("running", 0, 0));
        service.scans.add(FakeSalesService.scan("running", 10, 12,
                FakeSalesService.proposal("Sam Reed", "sam@northwind.example.com", "hot")));
        service.scans.add(FakeSalesService.scan("done", 12, 12,
                FakeSalesService.proposal("Sam Reed", "sam@northwind.example.com", "hot"),
                FakeSalesService.proposal("Cole Dale", "cole@far.example.com", "cold"),
                FakeSalesService.proposal("Priya Nair", "priya@brightlabs.example.org", "warm")));

        scan.find();
        assertThat(scan.runningProperty().get()).isTrue();
        assertThat(scan.progressProperty().get()).isEqualTo(-1);
        assertThat(scan.statusProperty().get()).isEqualTo("Reading your inbox\u2026");

        scan.poll();
        assertThat(scan.progressProperty().get()).isCloseTo(10 / 12.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(scan.statusProperty().get()).isEqualTo("Judging senders: 10 of 12 \u00b7 1 possible lead so far");
        assertThat(scan.proposals()).hasSize(1);
        scan.proposals().getFirst().chosenProperty().set(false); // the person's choice survives the next poll

        scan.poll();
        assertThat(scan.runningProperty().get()).isFalse();
        assertThat(scan.proposals()).extracting(r -> r.proposal().email()).containsExactly(
                "sam@northwind.example.com", "cole@far.example.com", "priya@brightlabs.example.org");
        assertThat(scan.proposals()).extracting(r -> r.chosenProperty().get()).containsExactly(false, false, true);
        assertThat(scan.chosenCountProperty().get()).isEqualTo(1);
        assertThat(scan.statusProperty().get()).isEqualTo(
                "Looked at 14 mails from 12 new senders \u00b7 3 possible leads. Tick the ones to add.");
        scan.poll();
        assertThat(service.calls.stream().filter(c -> c.startsWith("scan "))).as("no polling once done").hasSize(2);
        assertThat(service.calls).noneMatch(c -> c.startsWith("accept"));

        scan.proposals().get(1).chosenProperty().set(true);
        scan.addChosen();

        assertThat(service.calls).contains("accept s1 [cole@far.example.com, priya@brightlabs.example.org]");
        assertThat(scan.proposals()).extracting(r -> r.proposal().name()).containsExactly("Sam Reed");
        assertThat(scan.statusProperty().get()).isEqualTo("Added 2 leads to Sales. 1 more proposed.");
        assertThat(vm.leads()).extracting(Lead::name).contains("Priya Nair", "Cole Dale");
    }

    @Test
    void cancel_stops_the_scan_and_a_failure_shows_inline() {
        service.scans.add(FakeSalesService.scan("running", 0, 20));
        scan.find();
        scan.cancel();
        assertThat(service.calls).contains("cancel s1");
        assertThat(scan.runningProperty().get()).as("stopping after the batch under way").isTrue();
        assertThat(scan.statusProperty().get()).startsWith("Stopping");
        scan.poll();
        assertThat(scan.runningProperty().get()).isFalse();
        assertThat(scan.statusProperty().get()).isEqualTo(
                "Cancelled after 0 of 20 senders \u00b7 0 possible leads. Nothing was added.");

        service.failNext = 1;
        scan.find();
        assertThat(scan.runningProperty().get()).isFalse();
        assertThat(scan.errorProperty().get()).startsWith("Could not look through your inbox.");
    }

    @Test
    void the_detail_shows_threads_saves_notes_and_drafts_a_follow_up_that_waits_for_send() {
        service.threadsOf.add(new LeadThread("t1", "Ann Lee <ann@example.com>", "Pricing", Instant.now(),
                "Could you send a quote?", null));
        vm.refresh();
        vm.select(vm.leads().getFirst());
        LeadDetailViewModel detail = vm.detail();
        assertThat(detail.threads()).isEmpty(); // Ann was typed: no thread to read
        assertThat(service.calls).noneMatch(c -> c.startsWith("threads"));

        detail.notesProperty().set("Call after the board meeting");
        detail.followUpProperty().set(TODAY);
        assertThat(detail.changed()).isTrue();
        detail.save();
        assertThat(service.calls).contains("edit l1 Call after the board meeting " + TODAY);
        assertThat(detail.statusProperty().get()).isEqualTo("Saved.");
        assertThat(vm.dueToday()).extracting(Lead::name).containsExactly("Ann Lee");
        assertThat(detail.changed()).isFalse();

        detail.draftFollowUp();
        assertThat(detail.cardProperty().get()).isInstanceOf(DraftCardViewModel.class);
        DraftCardViewModel card = (DraftCardViewModel) detail.cardProperty().get();
        assertThat(card.subjectProperty().get()).isEqualTo("Re: About Ann Lee");
        assertThat(card.toProperty().get()).contains("ann.lee@example.com");
        assertThat(detail.statusProperty().get()).contains("nothing is sent until you press Send");

        service.stored.add(new Lead("l9", "Sam Reed", "sam@northwind.example.com", "Northwind", "new", "hot", "quote",
                "mail", null, "", List.of("t1")));
        vm.refresh();
        vm.select(vm.leads().stream().filter(l -> l.id().equals("l9")).findFirst().orElseThrow());
        assertThat(detail.cardProperty().get()).as("another lead: the card goes").isNull();
        assertThat(detail.threads()).extracting(LeadThread::subject).containsExactly("Pricing");
        assertThat(LeadDetailPane.line(detail.threads().getFirst())).contains("Pricing \u2014 Could you send a quote?");
    }
}
