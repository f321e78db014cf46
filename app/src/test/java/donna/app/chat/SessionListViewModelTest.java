package donna.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.chat.SessionSummary;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionListViewModelTest {
    private final FakeChatService service = new FakeChatService();
    private final SessionListViewModel vm = new SessionListViewModel(service, new SameThreadTaskExecutor());

    @Test
    void refreshLoadsTheFirstPageAndLoadMoreAppendsTheNext() {
        IntStream.range(0, 25).forEach(i -> service.stored.add(FakeChatService.session("c" + i, "Chat " + i)));

        vm.refresh();
        assertThat(vm.sessions()).hasSize(SessionListViewModel.PAGE);
        assertThat(vm.hasMoreProperty().get()).isTrue();

        vm.loadMore();
        assertThat(vm.sessions()).hasSize(25);
        assertThat(vm.hasMoreProperty().get()).isFalse();
        assertThat(service.offsets).containsExactly(0, 20);
    }

    @Test
    void searchSendsTheTrimmedQueryOnlyWhenItChanges() {
        service.stored.add(FakeChatService.session("a", "Pricing call"));
        service.stored.add(FakeChatService.session("b", "Bakery campaign"));

        vm.search("  Pricing ");
        vm.search("Pricing");

        assertThat(service.queries).containsExactly("Pricing");
        assertThat(vm.sessions()).extracting(SessionSummary::chatId).containsExactly("a");
    }

    @Test
    void renameReplacesTheRowAndKeepsTheRest() {
        service.stored.add(FakeChatService.session("a", "Old"));
        vm.refresh();

        vm.rename(vm.sessions().getFirst(), "  New name ");

        assertThat(vm.sessions().getFirst().title()).isEqualTo("New name");
        assertThat(vm.sessions().getFirst().lastMessage()).isEqualTo("last");
    }

    @Test
    void deleteRemovesTheRow() {
        service.stored.add(FakeChatService.session("a", "One"));
        service.stored.add(FakeChatService.session("b", "Two"));
        vm.refresh();

        vm.delete(vm.sessions().getFirst());

        assertThat(vm.sessions()).extracting(SessionSummary::chatId).containsExactly("b");
    }

    @Test
    void aFailedListingShowsAnErrorAndRetryLoadsIt() {
        service.stored.add(FakeChatService.session("a", "One"));
        service.failNextListings = 1;

        vm.refresh();
        assertThat(vm.errorProperty().get()).startsWith("Could not load your chats");
        assertThat(vm.loadingProperty().get()).isFalse();

        vm.retry();
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.sessions()).hasSize(1);
    }
}
