package donna.app.insights;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.insights.Conversation;
import donna.core.insights.Patterns;
import donna.core.insights.UsagePattern;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Overview's patterns, the LLM judge toggle in the pane's settings. */
class TestPatternsViewModel {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final FakeInsightsService service = new FakeInsightsService();
    private final InsightsViewModel vm = new InsightsViewModel(service, new SameThreadTaskExecutor(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Conversation convo(String id, int health) {
        return new Conversation(id, "ext-" + id, "api", null, NOW.minusSeconds(3600), null, null, 0, health, null, 0,
                null);
    }

    private static Patterns found() {
        UsagePattern refund = new UsagePattern("t1", UsagePattern.TOPIC, "refund", List.of("refund"), List.of(), 3,
                List.of(convo("c1", 90), convo("c2", 40), convo("c3", 70)));
        UsagePattern similar = new UsagePattern("s1", UsagePattern.SIMILAR, "printer", List.of("printer"), List.of(),
                2, List.of(convo("c4", 80), convo("c5", 60)));
        UsagePattern cluster = new UsagePattern("f1", UsagePattern.FAILURE_CLUSTER, "user_frustration · refund",
                List.of("refund"), List.of("user_frustration"), 2, List.of(convo("c2", 40), convo("c3", 70)));
        return new Patterns(NOW.minusSeconds(7200), NOW.minusSeconds(30L * 86400), NOW.minusSeconds(7200),
                List.of(refund), List.of(cluster), List.of(similar));
    }

    @Test
    void the_overview_shows_topics_and_failure_clusters_and_a_pattern_opens_its_conversations() {
        service.patterns = found();
        vm.shown();
        PatternsViewModel p = vm.overview().patterns();
        assertThat(p.topics()).extracting(UsagePattern::id).as("topics, then similar groups").containsExactly("t1",
                "s1");
        assertThat(p.failureClusters()).extracting(UsagePattern::id).containsExactly("f1");
        assertThat(p.statusProperty().get()).isEqualTo("Found in the 30 days before 7 Dec: 2 topics, "
                + "1 failure cluster.");
        assertThat(PatternsViewModel.line(p.failureClusters().getFirst()))
                .isEqualTo("User frustration about \u201crefund\u201d \u00b7 2 conversations")
                .as("the kind as the app names it elsewhere").startsWith(InsightsText.kind("user_frustration"));
        assertThat(PatternsViewModel.line(p.topics().get(1))).isEqualTo("Similar: printer \u00b7 2 conversations");
        assertThat(p.conversations()).isEmpty();

        p.selectedProperty().set(p.failureClusters().getFirst());
        assertThat(p.conversations()).extracting(Conversation::id).containsExactly("c2", "c3");
        vm.open(p.conversations().getFirst());
        assertThat(vm.tabProperty().get()).isEqualTo(InsightsViewModel.Tab.CONVERSATIONS);
        assertThat(service.calls).contains("patterns");

        // Read again: the same pattern stays selected.
        vm.tabProperty().set(InsightsViewModel.Tab.OVERVIEW);
        assertThat(p.selectedProperty().get()).isNotNull().extracting(UsagePattern::id).isEqualTo("f1");
    }

    @Test
    void not_analysed_yet_says_so_and_analyse_now_asks_the_service() {
        service.analyzed = found();
        vm.shown();
        PatternsViewModel p = vm.overview().patterns();
        assertThat(p.topics()).isEmpty();
        assertThat(p.statusProperty().get()).startsWith("Not analysed yet");
        p.analyzeNow();
        assertThat(service.calls.getLast()).isEqualTo("analyze");
        assertThat(p.topics()).hasSize(2);
        assertThat(p.errorProperty().get()).isNull();
    }

    @Test
    void an_older_service_without_patterns_is_named_and_the_overview_still_loads() {
        service.add("c1", "api", NOW.minusSeconds(3600), 80, 0);
        service.patternsFailure = new ServiceException(new ServiceError(404, "http_404", "No route", null));
        vm.shown();
        assertThat(vm.overview().conversationsProperty().get()).isEqualTo("1");
        assertThat(vm.overview().patterns().errorProperty().get()).isEqualTo("Patterns need a newer service.");
    }

    @Test
    void the_llm_judge_toggle_is_read_and_saved_with_the_settings() {
        InsightsSettingsViewModel s = vm.settings();
        s.refresh();
        assertThat(s.llmJudgeProperty().get()).as("off by default").isFalse();
        s.llmJudgeProperty().set(true);
        s.save();
        assertThat(service.calls.getLast()).isEqualTo("judge true");
        assertThat(service.settings.llmJudgeEnabled()).isTrue();
        assertThat(s.statusProperty().get()).isEqualTo("Saved.");

        int before = service.calls.size();
        s.save();
        assertThat(service.calls).as("unchanged: only the thresholds are saved").hasSize(before + 1);
        s.refresh();
        assertThat(s.llmJudgeProperty().get()).isTrue();
    }
}
