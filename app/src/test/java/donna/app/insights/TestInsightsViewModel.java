package donna.app.insights;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.insights.Conversation;
import donna.core.insights.Failure;
import donna.core.insights.FailureCount;
import donna.core.insights.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The Insights pane's logic: overview tiles, charts and worst list; the list's filters and paging; the drill-down. */
class TestInsightsViewModel {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final FakeInsightsService service = new FakeInsightsService()
            .add("c1", "donna-chat", NOW.minus(1, ChronoUnit.DAYS), 90, 0)
            .add("c2", "donna-voice", NOW.minus(2, ChronoUnit.DAYS), 40, 2)
            .add("c3", "api", NOW.minus(3, ChronoUnit.DAYS), 70, 1)
            .add("c4", "api", NOW.minus(4, ChronoUnit.HOURS), null, 0)
            .add("c5", "api", NOW.minus(20, ChronoUnit.DAYS), 10, 1)
            .failure("f1", "c2", "tool_failure").failure("f2", "c2", "slow_response").failure("f3", "c3", "tool_failure");
    private final InsightsViewModel vm = new InsightsViewModel(service, new SameThreadTaskExecutor(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void the_overview_shows_the_periods_tiles_trend_failures_by_kind_and_worst_conversations() {
        OverviewViewModel o = vm.overview();
        vm.shown();

        assertThat(o.conversationsProperty().get()).isEqualTo("4");
        assertThat(o.averageHealthProperty().get()).isEqualTo("67");
        assertThat(o.openFailuresProperty().get()).isEqualTo("3");
        assertThat(o.shareWithFailuresProperty().get()).isEqualTo("50 %");
        assertThat(o.health()).extracting(p -> p.averageHealth()).containsExactly(70.0, 40.0, 90.0);
        assertThat(o.failuresByKind()).extracting(FailureCount::kind, FailureCount::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tool_failure", 2),
                        org.assertj.core.groups.Tuple.tuple("slow_response", 1));
        assertThat(o.worst()).as("scored only, worst first").extracting(Conversation::id)
                .containsExactly("c2", "c3", "c1");
        assertThat(o.emptyProperty().get()).isNull();
        assertThat(service.calls.getFirst()).contains("from=2026-11-30T12:00:00Z").contains("to=2026-12-07T12:00:00Z");

        o.periodProperty().set(Period.MONTH);
        assertThat(o.conversationsProperty().get()).isEqualTo("5");
        assertThat(o.worst().getFirst().id()).isEqualTo("c5");

        o.sourceProperty().set(SourceChoice.VOICE);
        assertThat(o.conversationsProperty().get()).isEqualTo("1");
        assertThat(service.calls.getLast()).contains("source=donna-voice");
    }

    @Test
    void an_empty_overview_says_what_to_do_and_a_failure_offers_retry() {
        service.conversations.clear();
        service.failures.clear();
        vm.shown();
        assertThat(vm.overview().emptyProperty().get())
                .startsWith("No conversations yet: chat with DONNA or send one with an API key");

        vm.overview().sourceProperty().set(SourceChoice.API);
        assertThat(vm.overview().emptyProperty().get()).isEqualTo("No api conversations in the last 7 days.");

        service.failNext = FakeInsightsService.unreachable();
        vm.overview().refresh();
        assertThat(vm.overview().errorProperty().get()).startsWith("Could not load the overview. DONNA's service");
        assertThat(vm.overview().loadingProperty().get()).isFalse();

        vm.overview().refresh(); // Retry
        assertThat(vm.overview().errorProperty().get()).isNull();
    }

    @Test
    void an_empty_pane_offers_samples_shows_their_scoring_and_removes_them() {
        service.conversations.clear();
        service.failures.clear();
        java.util.List<Runnable> later = new java.util.ArrayList<>();
        OverviewViewModel o = new InsightsViewModel(service, new SameThreadTaskExecutor(),
                Clock.fixed(NOW, ZoneOffset.UTC), later::add).overview();
        o.refresh();
        assertThat(o.canAddSamplesProperty().get()).isTrue();
        assertThat(o.samplesNoteProperty().get()).isNull();

        o.addSamples();

        assertThat(o.conversationsProperty().get()).isEqualTo("3");
        assertThat(o.canAddSamplesProperty().get()).isFalse();
        assertThat(o.samplesNoteProperty().get()).isEqualTo("Scoring the sample conversations\u2026 0 of 3 done.");
        assertThat(later).as("read again while they are scored").hasSize(1);

        service.scoreSamples(55);
        later.removeFirst().run();

        assertThat(o.averageHealthProperty().get()).isEqualTo("55");
        assertThat(o.samplesNoteProperty().get()).startsWith("3 sample conversations (a made-up bike shop's help desk)");
        assertThat(o.samplesProperty().get()).isEqualTo(3);
        assertThat(later).as("scored: no more reads").isEmpty();

        o.removeSamples();

        assertThat(o.samplesProperty().get()).isZero();
        assertThat(o.conversationsProperty().get()).isEqualTo("0");
        assertThat(o.canAddSamplesProperty().get()).isTrue();
        assertThat(o.samplesNoteProperty().get()).isNull();
    }

    @Test
    void the_list_filters_and_loads_more_a_page_at_a_time() {
        service.pageSize = 2;
        ConversationsViewModel list = vm.conversations();
        vm.tabProperty().set(InsightsViewModel.Tab.CONVERSATIONS);

        assertThat(list.conversations()).extracting(Conversation::id).containsExactly("c4", "c1");
        assertThat(list.moreProperty().get()).isTrue();
        list.loadMore();
        list.loadMore();
        assertThat(list.conversations()).extracting(Conversation::id).containsExactly("c4", "c1", "c2", "c3", "c5");
        assertThat(list.moreProperty().get()).isFalse();

        list.failuresProperty().set(FailureFilter.WITH);
        assertThat(list.conversations()).extracting(Conversation::id).containsExactly("c2", "c3");
        list.healthMaxProperty().set("50");
        list.healthMinProperty().set("20");
        list.refresh();
        assertThat(list.conversations()).extracting(Conversation::id).containsExactly("c2");

        list.healthMinProperty().set("200");
        list.refresh();
        assertThat(list.errorProperty().get()).isEqualTo("Lowest health must be a whole number from 0 to 100.");
        assertThat(list.conversations()).as("left as it was").hasSize(1);

        list.healthMinProperty().set("");
        list.healthMaxProperty().set("");
        list.queryProperty().set("nothing-like-it");
        list.refresh();
        assertThat(list.conversations()).isEmpty();
        assertThat(list.emptyProperty().get()).isEqualTo("No conversations match these filters.");
        assertThat(list.errorProperty().get()).isNull();
    }

    @Test
    void a_worst_conversation_opens_its_drill_down_with_messages_breakdown_and_failures_to_ack_and_resolve() {
        service.messages.add(new Message(1, "user", "Book it", NOW, null, null, 0.0));
        service.messages.add(new Message(2, "tool", "calendar", NOW, null, null, null));
        service.messages.add(new Message(3, "assistant", "Done", NOW, null, 31_000L, null));
        vm.shown();

        vm.open(vm.overview().worst().getFirst());

        ConversationDetailViewModel d = vm.detail();
        assertThat(vm.tabProperty().get()).isEqualTo(InsightsViewModel.Tab.CONVERSATIONS);
        assertThat(d.conversationProperty().get().id()).isEqualTo("c2");
        assertThat(d.messages()).extracting(Message::role).containsExactly("user", "tool", "assistant");
        assertThat(d.breakdown()).contains("Start: 100", "Tool failure: \u221260", "Health: 40 (still open)");
        assertThat(d.failures()).extracting(Failure::id).containsExactly("f1", "f2");

        d.acknowledge(d.failures().getFirst());
        d.resolve(d.failures().get(1));
        d.resolve(d.failures().get(1));
        assertThat(d.failures()).extracting(Failure::status).containsExactly("ack", "resolved");
        assertThat(service.calls).filteredOn(c -> c.startsWith("status")).as("resolving twice asks once")
                .containsExactly("status f1 ack", "status f2 resolved");

        service.failNext = FakeInsightsService.unreachable();
        d.acknowledge(d.failures().get(1));
        assertThat(d.errorProperty().get()).startsWith("Could not mark the failure acknowledged.");
        assertThat(d.failures().get(1).status()).as("unchanged: the service did not store it").isEqualTo("resolved");
    }

    @Test
    void an_unscored_conversation_says_so() {
        vm.detail().open("c4");
        assertThat(vm.detail().breakdown()).containsExactly(
                "Not scored yet: scoring runs within seconds of new messages.");
    }

    @Test
    void failure_kinds_read_as_words() {
        assertThat(InsightsText.kind("tool_failure")).isEqualTo("Tool failure");
        assertThat(InsightsText.kind("barge_in_storm")).isEqualTo("Barge-in storm");
        assertThat(InsightsText.kind("")).isEmpty();
    }
}
