package donna.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.mail.MailPage;
import donna.core.mail.MailSummary;
import donna.core.mail.local.InboxCache;
import donna.core.mail.local.MailDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The inbox list: live pages, paging, search, and the saved page when offline. */
class TestInboxViewModel {
    private final FakeMailService service = new FakeMailService();
    private final MailDatabase db = MailDatabase.inMemory();
    private final InboxCache cache = new InboxCache(db, Clock.fixed(Instant.parse("2026-11-22T09:41:00Z"),
            ZoneOffset.UTC));
    private final InboxViewModel vm = new InboxViewModel(service, cache, new SameThreadTaskExecutor(),
            ZoneOffset.UTC);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void refresh_shows_the_first_page_and_saves_it_and_load_more_appends_the_next() {
        service.pages.put("|", new MailPage(List.of(FakeMailService.summary("m1", "Lunch", true)), "p2"));
        service.pages.put("|p2", new MailPage(List.of(FakeMailService.summary("m2", "Older", false)), null));

        vm.refresh();
        assertThat(vm.messages()).extracting(MailSummary::id).containsExactly("m1");
        assertThat(vm.hasMoreProperty().get()).isTrue();
        vm.loadMore();

        assertThat(vm.messages()).extracting(MailSummary::id).containsExactly("m1", "m2");
        assertThat(vm.hasMoreProperty().get()).isFalse();
        assertThat(cache.page().orElseThrow().value().messages()).extracting(MailSummary::id).containsExactly("m1");
        assertThat(vm.offlineProperty().get()).isFalse();
    }

    @Test
    void the_saved_page_paints_at_once_and_a_failed_refresh_marks_it_offline() {
        cache.savePage(new MailPage(List.of(FakeMailService.summary("m1", "Saved lunch", true)), "p2"));
        service.unreachable = true;

        vm.showSaved();
        assertThat(vm.messages()).extracting(MailSummary::subject).containsExactly("Saved lunch");
        assertThat(vm.offlineTextProperty().get()).isEqualTo("showing saved inbox (saved 22 Nov 09:41)");
        vm.refresh();

        assertThat(vm.messages()).extracting(MailSummary::subject).containsExactly("Saved lunch");
        assertThat(vm.offlineProperty().get()).isTrue();
        assertThat(vm.offlineTextProperty().get()).isEqualTo("offline, showing saved inbox (saved 22 Nov 09:41)");
        assertThat(vm.hasMoreProperty().get()).as("no paging offline").isFalse();
        assertThat(vm.errorProperty().get()).contains("can't be reached");

        service.unreachable = false;
        service.pages.put("|", new MailPage(List.of(FakeMailService.summary("m9", "Live", true)), null));
        vm.refresh();
        assertThat(vm.offlineProperty().get()).isFalse();
        assertThat(vm.offlineTextProperty().get()).isNull();
        assertThat(vm.messages()).extracting(MailSummary::subject).containsExactly("Live");
    }

    @Test
    void a_search_asks_gmail_and_is_never_saved_as_the_inbox() {
        service.pages.put("from:ann|", new MailPage(List.of(FakeMailService.summary("m3", "From Ann", false)), null));

        vm.search("  from:ann ");

        assertThat(service.pageCalls).containsExactly("from:ann|");
        assertThat(vm.messages()).extracting(MailSummary::id).containsExactly("m3");
        assertThat(cache.page()).isEmpty();
    }

    @Test
    void opening_a_row_shows_it_read_and_tells_the_reader() {
        MailSummary unread = FakeMailService.summary("m1", "Lunch", true);
        service.pages.put("|", new MailPage(List.of(unread), null));
        vm.refresh();
        List<String> opened = new ArrayList<>();
        vm.setOnOpen(m -> opened.add(m.id()));

        vm.open(vm.messages().getFirst());

        assertThat(opened).containsExactly("m1");
        assertThat(vm.messages().getFirst().unread()).isFalse();
        assertThat(vm.openIdProperty().get()).isEqualTo("m1");
    }
}
