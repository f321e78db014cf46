package donna.app.insights;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.insights.Conversation;
import donna.core.insights.ConversationFilter;
import donna.core.insights.ConversationSort;
import donna.core.insights.SavedView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The Conversations tab's saved views and order: save, apply, delete, sort by health; errors said plainly. */
class TestSavedViewsViewModel {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final FakeInsightsService service = new FakeInsightsService()
            .add("c1", "donna-chat", NOW.minus(1, ChronoUnit.DAYS), 90, 0)
            .add("c2", "donna-voice", NOW.minus(2, ChronoUnit.DAYS), 40, 2)
            .add("c3", "api", NOW.minus(3, ChronoUnit.DAYS), 70, 1)
            .add("c4", "api", NOW.minus(4, ChronoUnit.HOURS), null, 0)
            .add("c5", "api", NOW.minus(20, ChronoUnit.DAYS), 10, 1);
    private final ConversationsViewModel list = new ConversationsViewModel(service, new SameThreadTaskExecutor());
    private final SavedViewsViewModel views = list.savedViews();

    @Test
    void the_list_sorts_by_health_on_the_service_and_pages_in_that_order() {
        service.pageSize = 2;
        list.refresh();
        assertThat(list.conversations()).extracting(Conversation::id).containsExactly("c4", "c1");

        list.sortProperty().set(SortChoice.WORST);
        assertThat(service.calls.getLast()).contains("sort=HEALTH_ASC").endsWith("cursor=null");
        assertThat(list.conversations()).extracting(Conversation::id).containsExactly("c5", "c2");
        list.loadMore();
        list.loadMore();
        assertThat(list.conversations()).extracting(Conversation::id).containsExactly("c5", "c2", "c3", "c1", "c4");

        list.sortProperty().set(SortChoice.BEST);
        list.loadMore();
        assertThat(list.conversations()).extracting(Conversation::id).containsExactly("c1", "c3", "c2", "c5");
    }

    @Test
    void the_current_filters_are_saved_under_a_name_and_applied_again() {
        list.refresh();
        assertThat(service.calls).contains("views"); // the chooser is filled when the list is first read
        list.sourceProperty().set(SourceChoice.API);
        list.failuresProperty().set(FailureFilter.WITH);
        list.healthMaxProperty().set("80");
        list.sortProperty().set(SortChoice.WORST);

        views.nameProperty().set("  API trouble ");
        views.save();

        assertThat(views.errorProperty().get()).isNull();
        assertThat(views.statusProperty().get()).isEqualTo("Saved \u201cAPI trouble\u201d.");
        assertThat(views.nameProperty().get()).isEmpty();
        assertThat(views.views()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("API trouble");
            assertThat(v.filter()).isEqualTo(new ConversationFilter(null, null, null, 80, true, "api", null));
            assertThat(v.sort()).isEqualTo(ConversationSort.HEALTH_ASC);
        });

        // Back to everything, then the view: its filters and order come back, with one read of the list.
        list.sourceProperty().set(SourceChoice.ALL);
        list.failuresProperty().set(FailureFilter.ANY);
        list.healthMaxProperty().set("");
        list.sortProperty().set(SortChoice.RECENT);
        list.refresh();
        assertThat(list.conversations()).hasSize(5);
        int before = service.calls.size();

        views.chosenProperty().set(views.views().getFirst());

        assertThat(service.calls.size() - before).isEqualTo(1);
        assertThat(list.sourceProperty().get()).isEqualTo(SourceChoice.API);
        assertThat(list.failuresProperty().get()).isEqualTo(FailureFilter.WITH);
        assertThat(list.healthMaxProperty().get()).isEqualTo("80");
        assertThat(list.healthMinProperty().get()).isEmpty();
        assertThat(list.sortProperty().get()).isEqualTo(SortChoice.WORST);
        assertThat(list.conversations()).extracting(Conversation::id).containsExactly("c5", "c3");
        assertThat(views.statusProperty().get()).isEqualTo("Showing \u201cAPI trouble\u201d.");
    }

    @Test
    void the_chosen_view_is_deleted_once_the_service_has_deleted_it() {
        service.views.add(new SavedView("v9", "Old", ConversationFilter.all(), ConversationSort.RECENT, NOW, NOW));
        service.views.add(new SavedView("v8", "another", ConversationFilter.all(), ConversationSort.RECENT, NOW,
                NOW));
        list.refresh();
        assertThat(views.views()).extracting(SavedView::name).containsExactly("another", "Old");

        views.deleteChosen();
        assertThat(views.errorProperty().get()).isEqualTo("Choose a view to delete.");

        views.chosenProperty().set(views.views().get(1));
        service.failNext = FakeInsightsService.unreachable();
        views.deleteChosen();
        assertThat(views.errorProperty().get()).startsWith("Could not delete the view.");
        assertThat(views.views()).hasSize(2);

        views.deleteChosen();
        assertThat(views.errorProperty().get()).isNull();
        assertThat(views.views()).extracting(SavedView::name).containsExactly("another");
        assertThat(views.chosenProperty().get()).isNull();
        assertThat(views.statusProperty().get()).isEqualTo("Deleted \u201cOld\u201d.");
        assertThat(service.views).extracting(SavedView::id).containsExactly("v8");
    }

    @Test
    void a_missing_or_taken_name_and_bad_filters_are_said_and_nothing_is_saved() {
        list.refresh();
        views.save();
        assertThat(views.errorProperty().get()).isEqualTo("Name the view first.");

        views.nameProperty().set("x".repeat(81));
        views.save();
        assertThat(views.errorProperty().get()).isEqualTo("A view's name has at most 80 characters.");

        views.nameProperty().set("Low");
        list.healthMinProperty().set("abc");
        views.save();
        assertThat(views.errorProperty().get()).isEqualTo("Lowest health must be a whole number from 0 to 100.");
        assertThat(service.views).isEmpty();

        list.healthMinProperty().set("");
        views.save();
        assertThat(service.views).hasSize(1);
        views.nameProperty().set("low");
        views.save();
        assertThat(views.errorProperty().get()).isEqualTo("You already have a view named \u201clow\u201d.");
        assertThat(views.views()).hasSize(1);
    }

    @Test
    void a_failed_read_of_the_views_is_said_and_tried_again_with_the_next_read_of_the_list() {
        service.failNext = FakeInsightsService.unreachable(); // the views are read first, then the list
        list.refresh();
        assertThat(views.errorProperty().get()).startsWith("Could not load the saved views.");
        assertThat(list.conversations()).hasSize(5);

        service.views.add(new SavedView("v1", "Mine", ConversationFilter.all(), ConversationSort.RECENT, NOW, NOW));
        list.refresh();
        assertThat(views.errorProperty().get()).isNull();
        assertThat(views.views()).extracting(SavedView::name).containsExactly("Mine");
    }
}
