package donna.core.mail.local;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.mail.MailMessage;
import donna.core.mail.MailPage;
import donna.core.mail.MailSummary;
import donna.core.mail.outbox.MutableClock;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved inbox page and opened messages: what the Mail pane shows at once, and offline. */
class TestInboxCache {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir
    Path dir;

    private static MailMessage message(String id) {
        return new MailMessage(id, "t-" + id, "Ana <ana@example.com>", "me@example.com", null, "Subject " + id,
                NOW.minusSeconds(60), "snippet", true, "plain text", "<p>html</p>", "<" + id + "@mail>", null);
    }

    @Test
    void the_page_and_opened_messages_come_back_as_they_were_after_a_restart() {
        MailPage page = new MailPage(List.of(
                new MailSummary("m1", "t1", "Ana <ana@example.com>", "me@example.com", "Lunch?", NOW, "Tuesday", true),
                new MailSummary("m2", "t2", "Bo <bo@example.com>", "me@example.com", null, null, "", false)),
                "next-token");
        try (MailDatabase db = MailDatabase.open(dir.resolve("mail.db"))) {
            InboxCache cache = new InboxCache(db, Clock.fixed(NOW, ZoneOffset.UTC));
            assertThat(cache.page()).isEmpty();
            cache.savePage(page);
            cache.saveMessage(message("m1"));
        }

        try (MailDatabase db = MailDatabase.open(dir.resolve("mail.db"))) {
            InboxCache cache = new InboxCache(db, Clock.systemUTC());
            assertThat(cache.page()).contains(new InboxCache.Saved<>(page, NOW));
            assertThat(cache.message("m1")).contains(message("m1"));
            assertThat(cache.message("m2")).isEmpty();
        }
    }

    @Test
    void only_the_newest_opened_messages_are_kept() {
        try (MailDatabase db = MailDatabase.open(dir.resolve("mail.db"))) {
            MutableClock clock = new MutableClock(NOW);
            InboxCache cache = new InboxCache(db, clock);
            for (int i = 0; i < InboxCache.MESSAGES_KEPT + 5; i++) {
                clock.advance(Duration.ofSeconds(1));
                cache.saveMessage(message("m" + i));
            }

            assertThat(cache.message("m4")).isEmpty();
            assertThat(cache.message("m5")).isPresent();
            int rows = db.read(c -> {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT count(*) FROM saved_message")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(InboxCache.MESSAGES_KEPT);
        }
    }
}
