package donna.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.mail.MailMessage;
import donna.core.mail.local.InboxCache;
import donna.core.mail.local.MailDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader: safe HTML, remote images only when asked, reply and draft hand-offs, the saved copy offline. */
class TestReaderViewModel {
    private static final String HTML = "<p>Hello <b>there</b></p><img data-remote-src=\"https://t.example.com/p.gif\">";

    private final FakeMailService service = new FakeMailService();
    private final MailDatabase db = MailDatabase.inMemory();
    private final InboxCache cache = new InboxCache(db, Clock.systemUTC());
    private final ReaderViewModel vm = new ReaderViewModel(service, cache, new SameThreadTaskExecutor());

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void remote_images_stay_blocked_until_the_person_asks() {
        service.messages.put("m1", FakeMailService.message("m1", "News", HTML));

        vm.open("m1");

        String page = vm.documentProperty().get();
        assertThat(vm.remoteImagesProperty().get()).isTrue();
        assertThat(page).contains("<p>Hello <b>there</b></p>")
                .contains("Content-Security-Policy\" content=\"default-src 'none'; img-src data: cid:;");
        assertThat(page).doesNotContain("img-src data: cid: https:");

        vm.showImages();

        assertThat(vm.imagesShownProperty().get()).isTrue();
        assertThat(vm.documentProperty().get()).contains("img-src data: cid: https: http:");
    }

    @Test
    void a_mail_without_html_shows_its_text_escaped() {
        service.messages.put("m2", FakeMailService.message("m2", "Plain", null));

        vm.open("m2");

        assertThat(vm.documentProperty().get()).contains("<pre>Plain Plain</pre>");
        assertThat(vm.remoteImagesProperty().get()).isFalse();
        service.messages.put("m3", new MailMessage("m3", "t", "a@example.com", "b@example.com", null, "x", null, "",
                false, "<script>alert(1)</script>", null, null, null));
        vm.open("m3");
        assertThat(vm.documentProperty().get()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void a_mail_read_before_opens_from_its_saved_copy_when_offline() {
        service.messages.put("m1", FakeMailService.message("m1", "Lunch", "<p>Thursday?</p>"));
        vm.open("m1");
        service.unreachable = true;

        vm.open("m1");

        assertThat(vm.savedProperty().get()).isTrue();
        assertThat(vm.messageProperty().get().subject()).isEqualTo("Lunch");
        vm.open("never-opened");
        assertThat(vm.errorProperty().get()).startsWith("Could not open this mail.");
    }

    @Test
    void reply_and_draft_hand_the_message_to_the_composer() {
        service.messages.put("m1", FakeMailService.message("m1", "Lunch", "<p>Thursday?</p>"));
        List<String> handed = new ArrayList<>();
        vm.setOnReply(m -> handed.add("reply " + m.id()));
        vm.setOnDraft(m -> handed.add("draft " + m.id()));
        vm.reply(); // nothing open yet: nothing happens

        vm.open("m1");
        vm.reply();
        vm.draftWithDonna();

        assertThat(handed).containsExactly("reply m1", "draft m1");
    }

    @Test
    void the_reader_stays_on_its_page_web_links_open_outside_mailto_composes_and_the_rest_goes_nowhere() {
        List<String> opened = new ArrayList<>();
        vm.setOnWebLink(uri -> opened.add("web " + uri));
        vm.setOnMailTo((to, subject) -> opened.add("compose " + to + " / " + subject));

        assertThat(vm.follow(null)).as("the app's own page").isFalse();
        assertThat(vm.follow("")).isFalse();
        assertThat(vm.follow("about:blank")).isFalse();
        assertThat(vm.follow("https://example.com/a?b=c")).as("left: the page is put back").isTrue();
        assertThat(vm.follow("HTTP://example.com/x")).isTrue();
        assertThat(vm.follow("mailto:bob@example.com?subject=Lunch%20on%20Friday")).isTrue();
        for (String elsewhere : List.of("ftp://files.example.com/x", "file:///etc/passwd", "javascript:alert(1)",
                "data:text/html,<b>x</b>", "jar:file:/x.jar!/a", "about:config", "https://", "mailto:")) {
            assertThat(vm.follow(elsewhere)).as(elsewhere).isTrue();
        }

        assertThat(opened).containsExactly("web https://example.com/a?b=c", "web http://example.com/x",
                "compose bob@example.com / Lunch on Friday");
    }

    @Test
    void held_back_images_come_back_only_from_web_addresses() {
        assertThat(MailDocument.restorable("https://t.example.com/p.gif")).isTrue();
        assertThat(MailDocument.restorable("http://t.example.com/p.gif")).isTrue();
        assertThat(MailDocument.restorable("javascript:alert(1)")).isFalse();
        assertThat(MailDocument.restorable("ftp://x.example/i")).isFalse();
        assertThat(MailDocument.restorable("data:image/svg+xml,<svg/>")).isFalse();
        assertThat(MailDocument.restorable(null)).isFalse();
    }
}
