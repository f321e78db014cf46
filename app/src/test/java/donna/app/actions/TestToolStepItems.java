package donna.app.actions;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.tools.ToolStep;
import org.junit.jupiter.api.Test;

/** A tool step in words, live: running, then done with the service's summary, or failed with why. */
class TestToolStepItems {

    @Test
    void a_step_reads_as_what_donna_did_and_follows_its_events() {
        ToolStepItem item = new ToolStepItem(new ToolStep("c1", "search_mail", ToolStep.Status.RUNNING, "", -1));
        assertThat(item.text()).isEqualTo("Searching mail\u2026");

        item.update(new ToolStep("c1", "search_mail", ToolStep.Status.DONE, "from:ann contract: 3 found", 40));
        assertThat(item.text()).isEqualTo("Searched mail: from:ann contract: 3 found");

        item.update(new ToolStep("c1", "search_mail", ToolStep.Status.RUNNING, "", -1));
        assertThat(item.statusProperty().get()).as("a late running event does not undo done")
                .isEqualTo(ToolStep.Status.DONE);
    }

    @Test
    void failures_and_unknown_tools_still_say_something_a_person_can_read() {
        assertThat(ToolStepText.of("read_mail", ToolStep.Status.FAILED, "Gmail is not connected"))
                .isEqualTo("Reading a mail failed: Gmail is not connected");
        assertThat(ToolStepText.of("plan_trip", ToolStep.Status.DONE, "")).isEqualTo("Ran plan trip");
        assertThat(ToolStepText.of("remember", ToolStep.Status.DONE, "sign_off")).isEqualTo("Remembered: sign_off");
    }
}
