package donna.app.sales;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.leads.Lead;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The Sales workspace's logic: leads by stage, filters, follow-ups due today, a move of stage, failures inline. */
class TestSalesViewModel {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private final FakeSalesService service = new FakeSalesService(TODAY)
            .add("l1", "Zoe Won", "Zeta", "won", "hot", null)
            .add("l2", "Ann New", "Acme", "new", "hot", TODAY)
            .add("l3", "Bob Qualified", "Beta", "qualified", "warm", TODAY.minusDays(3))
            .add("l4", "Cal New", null, "new", "cold", TODAY.plusDays(1));
    private final SalesViewModel vm = new SalesViewModel(service, new SameThreadTaskExecutor(), () -> TODAY);

    @Test
    void leads_are_listed_by_stage_then_name_with_the_follow_ups_due_today() {
        vm.refresh();

        assertThat(vm.leads()).extracting(Lead::name).containsExactly("Ann New", "Cal New", "Bob Qualified",
                "Zoe Won");
        assertThat(vm.dueToday()).extracting(Lead::name).containsExactlyInAnyOrder("Ann New", "Bob Qualified");
        assertThat(vm.summaryProperty().get()).isEqualTo("4 leads: 2 new, 1 qualified, 1 won");
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.loadingProperty().get()).isFalse();
    }

    @Test
    void filters_ask_the_service_again_and_the_due_list_ignores_them() {
        vm.refresh();
        vm.stageFilterProperty().set("new");
        assertThat(vm.leads()).extracting(Lead::name).containsExactly("Ann New", "Cal New");

        vm.categoryFilterProperty().set("cold");
        assertThat(vm.leads()).extracting(Lead::name).containsExactly("Cal New");
        assertThat(vm.dueToday()).hasSize(2);

        vm.stageFilterProperty().set(SalesViewModel.ALL);
        vm.categoryFilterProperty().set(SalesViewModel.ALL);
        vm.queryProperty().set("  beta ");
        vm.refresh();
        assertThat(vm.leads()).extracting(Lead::name).containsExactly("Bob Qualified");
        assertThat(service.calls.getLast()).contains("followUpDue=true");
        assertThat(service.calls).anyMatch(c -> c.contains("q=beta,"));

        vm.queryProperty().set("nobody");
        vm.refresh();
        assertThat(vm.leads()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo("No leads match these filters.");
    }

    @Test
    void moving_a_lead_shows_what_the_service_stored_and_a_filtered_out_lead_leaves_the_list() {
        vm.refresh();
        Lead ann = vm.leads().getFirst();
        vm.select(ann);

        vm.moveStage(ann, "qualified");

        assertThat(service.calls.getLast()).isEqualTo("stage l2 qualified");
        assertThat(vm.leads()).extracting(Lead::name).containsExactly("Cal New", "Ann New", "Bob Qualified",
                "Zoe Won");
        assertThat(vm.selectedProperty().get().stage()).isEqualTo("qualified");
        assertThat(vm.dueToday()).filteredOn(l -> l.id().equals("l2")).singleElement()
                .extracting(Lead::stage).isEqualTo("qualified");

        vm.stageFilterProperty().set("new");
        vm.moveStage(vm.leads().getFirst(), "contacted");
        assertThat(vm.leads()).as("no longer new").isEmpty();

        int before = service.calls.size();
        vm.moveStage(ann, "won");
        vm.moveStage(vm.selectedProperty().get(), "qualified");
        vm.moveStage(ann, "maybe");
        assertThat(service.calls).as("the same stage and an unknown one ask nothing").hasSize(before + 1);
    }

    @Test
    void failures_show_inline_and_change_nothing() {
        service.failNext = 1;
        vm.refresh();
        assertThat(vm.errorProperty().get()).startsWith("Could not load your leads.");
        assertThat(vm.leads()).isEmpty();

        vm.refresh();
        assertThat(vm.errorProperty().get()).isNull();
        Lead cal = vm.leads().get(1);
        service.failNext = 1;
        vm.moveStage(cal, "won");
        assertThat(vm.errorProperty().get()).startsWith("Could not move \u201cCal New\u201d to won.");
        assertThat(vm.leads().get(1).stage()).isEqualTo("new");
    }
}
