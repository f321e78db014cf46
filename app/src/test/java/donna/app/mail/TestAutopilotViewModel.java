package donna.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.mail.AutopilotDraft;
import donna.core.mail.AutopilotSettings;
import org.junit.jupiter.api.Test;

/** Autopilot: settings round trip, run now, and the review queue's send and discard. */
class TestAutopilotViewModel {
    private final FakeMailService service = new FakeMailService();
    private final AutopilotViewModel vm = new AutopilotViewModel(service, new SameThreadTaskExecutor());

    @Test
    void settings_load_and_save() {
        service.settings = new AutopilotSettings(true, false, 3, 10);
        vm.load();
        assertThat(vm.enabledProperty().get()).isTrue();
        assertThat(vm.perRunCapProperty().get()).isEqualTo(3);

        vm.sendWithoutReviewProperty().set(true);
        vm.perDayCapProperty().set(-4);
        vm.save();

        assertThat(service.settings).isEqualTo(new AutopilotSettings(true, true, 3, 0));
    }

    @Test
    void run_now_fills_the_review_queue_and_drafts_are_sent_or_discarded_one_by_one() {
        vm.runNow();
        vm.runNow();
        assertThat(vm.lastRunProperty().get()).isEqualTo("Drafted 1, sent 0, skipped 1");
        assertThat(vm.drafts()).extracting(AutopilotDraft::id).containsExactly("d-1", "d-2");

        vm.send(vm.drafts().getFirst());
        vm.discard(vm.drafts().getFirst());

        assertThat(service.sentDrafts).containsExactly("d-1");
        assertThat(vm.drafts()).isEmpty();
    }

    @Test
    void a_failure_is_said_and_the_queue_is_kept() {
        vm.runNow();
        service.unreachable = true;

        vm.send(vm.drafts().getFirst());

        assertThat(vm.errorProperty().get()).startsWith("Could not send the draft.");
        assertThat(vm.drafts()).hasSize(1);
        assertThat(vm.busyProperty().get()).isFalse();
    }
}
