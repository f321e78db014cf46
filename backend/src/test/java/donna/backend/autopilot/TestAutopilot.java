package donna.backend.autopilot;

import static donna.backend.support.GmailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.event.SchedulerListener;
import donna.backend.config.BackendConfig;
import donna.backend.db.Database;
import donna.backend.support.Await;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.backend.support.SharedPostgres;
import donna.standins.google.Endpoint;
import donna.standins.google.SentMail;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TestAutopilot {
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    /** What Gmail records on a mail from example.com whose DKIM signature and DMARC check passed. */
    private static final String GMAIL_PASS = "mx.google.com; dkim=pass header.i=@example.com header.s=s1 "
            + "header.b=AbCd; spf=pass (google.com: domain of ann@example.com designates 192.0.2.1 as permitted "
            + "sender) smtp.mailfrom=ann@example.com; dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com";

    @RegisterExtension
    final GmailFixture f = new GmailFixture(g -> g.withAutopilotInterval(Duration.ofHours(1))).connectedAs("ann");

    private void settings(Object body) {
        Http.Response put = f.put("ann", "/api/gmail/autopilot/settings", json(body));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    private JsonNode run() {
        Http.Response run = f.get("ann", "/api/gmail/autopilot-run");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return run.json();
    }

    private static List<String> reasons(JsonNode run, String reason) {
        List<String> ids = new ArrayList<>();
        run.path("skipped").forEach(s -> {
            if (s.path("reason").asText().equals(reason)) {
                ids.add(s.path("message_id").asText());
            }
        });
        return ids;
    }

    private String routine(String from, int second) {
        return f.google.addInboxMessage().from(from).subject("Meeting on Friday?")
                .text("Could we meet on Friday at 10?").receivedAt(T0.plusSeconds(second)).add();
    }

    @Test
    void settings_start_off_with_review_and_are_validated() {
        JsonNode defaults = f.get("ann", "/api/gmail/autopilot/settings").json();
        assertThat(defaults.path("enabled").asBoolean()).isFalse();
        assertThat(defaults.path("send_without_review").asBoolean()).isFalse();
        assertThat(defaults.path("per_run_cap").asInt()).isEqualTo(5);
        assertThat(defaults.path("per_day_cap").asInt()).isEqualTo(20);

        assertThat(f.put("ann", "/api/gmail/autopilot/settings", json(Map.of("per_run_cap", 0))).status())
                .isEqualTo(400);
        assertThat(f.put("ann", "/api/gmail/autopilot/settings", json(Map.of("per_day_cap", 501))).status())
                .isEqualTo(400);
        settings(Map.of("enabled", true, "per_run_cap", 3));
        JsonNode saved = f.get("ann", "/api/gmail/autopilot/settings").json();
        assertThat(saved.path("enabled").asBoolean()).isTrue();
        assertThat(saved.path("per_run_cap").asInt()).isEqualTo(3);
        assertThat(saved.path("per_day_cap").asInt()).isEqualTo(20);
        assertThat(f.get("bob", "/api/gmail/autopilot/settings").json().path("enabled").asBoolean()).isFalse();
    }

    @Test
    void never_no_reply_lists_automated_mail_or_the_user_and_within_the_caps() {
        settings(Map.of("enabled", true, "per_run_cap", 2, "per_day_cap", 3));
        String a = routine("Ann <ann@example.com>", 1);
        String b = routine("Bob <bob@example.com>", 2);
        String c = routine("Carol <carol@example.com>", 3);
        String d = routine("Dan <dan@example.com>", 4);
        String noReply = f.google.addInboxMessage().from("Shop <no-reply@shop.example.com>")
                .receivedAt(T0.plusSeconds(5)).add();
        String bounce = f.google.addInboxMessage().from("MAILER-DAEMON@mail.example.com")
                .receivedAt(T0.plusSeconds(6)).add();
        String list = f.google.addInboxMessage().from("News <news@example.com>").listId("<news.example.com>")
                .receivedAt(T0.plusSeconds(7)).add();
        String unsubscribe = f.google.addInboxMessage().from("Deals <deals@example.com>")
                .listUnsubscribe("<mailto:stop@example.com>").receivedAt(T0.plusSeconds(8)).add();
        String bulk = f.google.addInboxMessage().from("Promo <promo@example.com>").header("Precedence", "bulk")
                .receivedAt(T0.plusSeconds(9)).add();
        String own = f.google.addInboxMessage().from("Me <me@example.com>").receivedAt(T0.plusSeconds(10)).add();
        String auto = f.google.addInboxMessage().from("Eve <eve@example.com>").header("Auto-Submitted", "auto-replied")
                .receivedAt(T0.plusSeconds(11)).add();
        f.google.addInboxMessage().from("Old <old@example.com>").unread(false).add();
        for (int i = 1; i <= 3; i++) {
            f.openAi.replyWith("Friday at 10 works. (" + i + ")");
        }

        JsonNode first = run();

        assertThat(first.path("drafted").asInt()).isEqualTo(2);
        assertThat(first.path("sent").asInt()).isZero();
        assertThat(reasons(first, "no_reply")).containsExactlyInAnyOrder(noReply, bounce);
        assertThat(reasons(first, "mailing_list")).containsExactlyInAnyOrder(list, unsubscribe, bulk);
        assertThat(reasons(first, "own_address")).containsExactly(own);
        assertThat(reasons(first, "automated")).containsExactly(auto);
        assertThat(reasons(first, "cap_reached")).as("the run's cap").containsExactlyInAnyOrder(a, b);
        JsonNode queue = f.get("ann", "/api/gmail/autopilot/drafts").json().path("drafts");
        assertThat(queue).hasSize(2);
        assertThat(queue.findValuesAsText("message_id")).containsExactlyInAnyOrder(c, d);
        assertThat(queue.get(0).path("subject").asText()).isEqualTo("Re: Meeting on Friday?");
        assertThat(queue.findValuesAsText("body")).allMatch(body -> body.startsWith("Friday at 10 works."));
        assertThat(queue.get(0).path("to").get(0).asText()).contains("@example.com");

        JsonNode second = run();

        assertThat(second.path("drafted").asInt()).as("the day's cap of 3").isEqualTo(1);
        assertThat(reasons(second, "already_drafted")).containsExactlyInAnyOrder(c, d);
        assertThat(reasons(second, "cap_reached")).hasSize(1);
        assertThat(f.openAi.requests(donna.standins.openai.Endpoint.RESPONSES)).as("no model call for excluded mail")
                .hasSize(3);
        assertThat(f.google.calls(Endpoint.SEND)).as("review first").isZero();
        assertThat(f.count("select drafted from gmail_autopilot_daily")).isEqualTo(3);
        assertThat(f.count("select count(*) from gmail_autopilot_runs where trigger = 'request'")).isEqualTo(2);
    }

    @Test
    void mail_the_model_finds_not_routine_is_left_and_frees_its_slot() {
        settings(Map.of("enabled", true));
        String mail = routine("Ann <ann@example.com>", 1);
        f.openAi.replyWith("SKIP");

        JsonNode run = run();

        assertThat(run.path("drafted").asInt()).isZero();
        assertThat(reasons(run, "not_routine")).containsExactly(mail);
        assertThat(f.get("ann", "/api/gmail/autopilot/drafts").json().path("drafts")).isEmpty();
        assertThat(f.count("select coalesce(sum(drafted), 0) from gmail_autopilot_daily")).isZero();
        assertThat(f.openAi.lastRequest(donna.standins.openai.Endpoint.RESPONSES).instructions())
                .contains("answer exactly SKIP");
    }

    @Test
    void with_sending_allowed_a_routine_reply_goes_out_threaded() {
        settings(Map.of("enabled", true, "send_without_review", true));
        String mail = f.google.addInboxMessage().from("Ann <ann@example.com>").subject("Lunch?")
                .messageId("<lunch-1@mail.example.com>").text("Lunch at noon?").authenticationResults(GMAIL_PASS)
                .add();
        f.openAi.replyWith("Noon is perfect.");

        JsonNode run = run();

        assertThat(run.path("drafted").asInt()).isEqualTo(1);
        assertThat(run.path("sent").asInt()).isEqualTo(1);
        SentMail sent = f.google.sent().getFirst();
        assertThat(sent.to()).containsExactly("ann@example.com");
        assertThat(sent.subject()).isEqualTo("Re: Lunch?");
        assertThat(sent.inReplyTo()).isEqualTo("<lunch-1@mail.example.com>");
        assertThat(sent.threadId()).isEqualTo(f.google.threadIdOf(mail));
        assertThat(f.get("ann", "/api/gmail/autopilot/drafts").json().path("drafts")).isEmpty();
        assertThat(run().path("drafted").asInt()).as("answered once").isZero();
        assertThat(f.google.sent()).hasSize(1);
    }

    @Test
    void autopilot_answers_only_the_one_sender_and_never_a_reply_to_elsewhere() {
        settings(Map.of("enabled", true));
        String elsewhere = f.google.addInboxMessage().from("Ann <ann@example.com>").replyTo("Eve <eve@evil.example>")
                .receivedAt(T0.plusSeconds(1)).add();
        String several = f.google.addInboxMessage().from("Bob <bob@example.com>")
                .replyTo("bob@example.com, eve@evil.example").receivedAt(T0.plusSeconds(2)).add();
        String twoSenders = f.google.addInboxMessage().from("carol@example.com, eve@evil.example")
                .receivedAt(T0.plusSeconds(3)).add();
        String noReply = f.google.addInboxMessage().from("Dan <dan@example.com>").replyTo("no-reply@example.com")
                .receivedAt(T0.plusSeconds(4)).add();
        String list = f.google.addInboxMessage().from("Fay <fay@example.com>").replyTo("fay@example.com")
                .listId("<fay.example.com>").receivedAt(T0.plusSeconds(5)).add();
        String same = f.google.addInboxMessage().from("Gil <gil@example.com>").replyTo("Gil S. <GIL@example.com>")
                .receivedAt(T0.plusSeconds(6)).add();
        f.openAi.replyWith("Sure.");

        JsonNode run = run();

        assertThat(reasons(run, "reply_to_differs")).containsExactlyInAnyOrder(elsewhere, several);
        assertThat(reasons(run, "several_senders")).containsExactly(twoSenders);
        assertThat(reasons(run, "no_reply")).containsExactly(noReply);
        assertThat(reasons(run, "mailing_list")).containsExactly(list);
        JsonNode queue = f.get("ann", "/api/gmail/autopilot/drafts").json().path("drafts");
        assertThat(queue.findValuesAsText("message_id")).containsExactly(same);
        assertThat(queue.get(0).path("to")).hasSize(1);
        assertThat(queue.get(0).path("to").get(0).asText()).isEqualTo("Gil <gil@example.com>");
    }

    @Test
    void sending_without_review_needs_dkim_or_dmarc_as_gmail_recorded_it() {
        String none = routine("Ann <ann@example.com>", 1);
        String otherDomain = f.google.addInboxMessage().from("Bob <bob@example.com>")
                .authenticationResults("mx.google.com; dkim=pass header.d=evil.example header.s=s1; "
                        + "spf=pass smtp.mailfrom=bob@evil.example; dmarc=fail header.from=example.com")
                .receivedAt(T0.plusSeconds(2)).add();
        String forged = f.google.addInboxMessage().from("Carol <carol@example.com>")
                .authenticationResults("relay.evil.example; dkim=pass header.d=example.com; dmarc=pass "
                        + "header.from=example.com").receivedAt(T0.plusSeconds(3)).add();
        String failed = f.google.addInboxMessage().from("Dan <dan@example.com>")
                .authenticationResults("mx.google.com; dkim=fail header.d=example.com; dmarc=fail "
                        + "header.from=example.com").receivedAt(T0.plusSeconds(4)).add();
        f.google.addInboxMessage().from("Fay <fay@mail.example.com>")
                .authenticationResults("mx.google.com; dkim=pass header.i=@example.com header.s=s1; "
                        + "spf=neutral smtp.mailfrom=fay@mail.example.com").receivedAt(T0.plusSeconds(5)).add();
        f.google.addInboxMessage().from("Gil <gil@example.org>")
                .authenticationResults("mx.google.com;\r\n       spf=pass smtp.mailfrom=gil@example.org;\r\n"
                        + "       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org")
                .receivedAt(T0.plusSeconds(6)).add();
        for (int i = 0; i < 6; i++) {
            f.openAi.replyWith("Yes, Friday at 10.");
        }
        settings(Map.of("enabled", true, "send_without_review", true, "per_run_cap", 10, "per_day_cap", 10));

        JsonNode run = run();

        assertThat(run.path("drafted").asInt()).isEqualTo(6);
        assertThat(run.path("sent").asInt()).isEqualTo(2);
        assertThat(f.google.sent()).extracting(SentMail::to).containsExactlyInAnyOrder(
                List.of("fay@mail.example.com"), List.of("gil@example.org"));
        JsonNode queue = f.get("ann", "/api/gmail/autopilot/drafts").json().path("drafts");
        assertThat(queue.findValuesAsText("message_id")).as("waiting for review")
                .containsExactlyInAnyOrder(none, otherDomain, forged, failed);
    }

    @Test
    void autopilot_prompts_carry_the_profiles_tone_and_nothing_else_from_memory() {
        assertThat(f.put("ann", "/api/memory", json(Map.of("key", "profile", "value", "sales"))).status())
                .isEqualTo(200);
        assertThat(f.put("ann", "/api/memory", json(Map.of("key", "bank_pin", "value", "4711"))).status())
                .isEqualTo(200);
        settings(Map.of("enabled", true));
        routine("Ann <ann@example.com>", 1);
        f.openAi.replyWith("Yes.");

        assertThat(run().path("drafted").asInt()).isEqualTo(1);

        String instructions = f.openAi.lastRequest(donna.standins.openai.Endpoint.RESPONSES).instructions();
        assertThat(instructions).contains(donna.backend.chat.Profile.SALES.instructions());
        assertThat(instructions).doesNotContain("4711").doesNotContain("bank_pin")
                .doesNotContain("asked you to remember");
    }

    @Test
    void the_review_queue_sends_a_draft_once_and_discards_another() {
        settings(Map.of("enabled", true));
        routine("Ann <ann@example.com>", 1);
        routine("Bob <bob@example.com>", 2);
        f.openAi.replyWith("Yes.").replyWith("Also yes.");
        run();
        JsonNode queue = f.get("ann", "/api/gmail/autopilot/drafts").json().path("drafts");
        String first = queue.get(0).path("id").asText();
        String second = queue.get(1).path("id").asText();

        Http.Response sent = f.post("ann", "/api/gmail/autopilot/drafts/" + first + "/send", "{}");
        Http.Response again = f.post("ann", "/api/gmail/autopilot/drafts/" + first + "/send", "{}");

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().path("status").asText()).isEqualTo("sent");
        assertThat(again.json().path("replayed").asBoolean()).isTrue();
        assertThat(f.google.sentCount(sent.json().path("message_id").asText())).isEqualTo(1);
        assertThat(f.delete("ann", "/api/gmail/autopilot/drafts/" + second).status()).isEqualTo(204);
        assertThat(f.delete("ann", "/api/gmail/autopilot/drafts/" + second).status()).isEqualTo(404);
        assertThat(f.post("ann", "/api/gmail/autopilot/drafts/" + second + "/send", "{}").status()).isEqualTo(404);
        assertThat(f.post("bob", "/api/gmail/autopilot/drafts/" + first + "/send", "{}").status())
                .as("another user's draft").isEqualTo(404);
        assertThat(f.get("ann", "/api/gmail/autopilot/drafts").json().path("drafts")).isEmpty();
        assertThat(run().path("drafted").asInt()).as("a discarded draft is not drafted again").isZero();
    }

    @Test
    void the_scheduled_job_answers_for_users_who_switched_autopilot_on() {
        try (GmailFixture scheduled = new GmailFixture(g -> g.withAutopilotInterval(Duration.ofMillis(500)))
                .connectedAs("ann")) {
            scheduled.google.addInboxMessage().from("Ann <ann@example.com>").text("Quick question?").add();
            scheduled.openAi.replyWith("Quick answer.");
            assertThat(scheduled.put("ann", "/api/gmail/autopilot/settings", json(Map.of("enabled", true))).status())
                    .isEqualTo(200);

            Await.until(Duration.ofSeconds(30), "a scheduled autopilot run that drafted", () -> scheduled.count(
                    "select count(*) from gmail_autopilot_runs where trigger = 'schedule' and drafted = 1") == 1);

            assertThat(scheduled.get("ann", "/api/gmail/autopilot/drafts").json().path("drafts")).hasSize(1);
        }
    }

    @Test
    void the_desktop_service_schedules_nothing_until_someone_switches_autopilot_on() {
        String recurring = "select count(*) from scheduled_tasks where task_name = '" + AutopilotScheduler.TASK + "'";
        assertThat(f.count(recurring)).as("a shared deployment schedules the job at start").isEqualTo(1);
        try (GmailFixture desktop = new GmailFixture(g -> g.withAutopilotInterval(Duration.ofMillis(500)),
                BackendConfig.Footprint.DESKTOP).connectedAs("ann")) {
            assertThat(desktop.count(recurring)).as("nobody has autopilot on").isZero();
            desktop.google.addInboxMessage().from("Ann <ann@example.com>").text("Quick question?").add();
            desktop.openAi.replyWith("Quick answer.");

            assertThat(desktop.put("ann", "/api/gmail/autopilot/settings", json(Map.of("enabled", false))).status())
                    .isEqualTo(200);
            assertThat(desktop.count(recurring)).as("switched off is not switched on").isZero();
            assertThat(desktop.put("ann", "/api/gmail/autopilot/settings", json(Map.of("enabled", true))).status())
                    .isEqualTo(200);

            assertThat(desktop.count(recurring)).isEqualTo(1);
            Await.until(Duration.ofSeconds(30), "a scheduled autopilot run that drafted", () -> desktop.count(
                    "select count(*) from gmail_autopilot_runs where trigger = 'schedule' and drafted = 1") == 1);
        }
    }

    @Test
    void two_schedulers_on_one_database_run_the_job_once(@TempDir Path dir) throws Exception {
        BackendConfig config = BackendConfig.loopback(dir, "unused-secret-0123456789");
        config = new BackendConfig(config.host(), 0, Optional.of(SharedPostgres.newDatabase()), Optional.empty(),
                Optional.empty(), dir, config.apiSecret(), List.of(), Optional.empty(), 60, config.maxBodyBytes(),
                false, "", config.openai(), config.google());
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Runnable job = () -> {
            runs.incrementAndGet();
            running.countDown();
            try {
                // Held open so the other scheduler polls while this run is in progress.
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        AtomicInteger polls = new AtomicInteger();
        SchedulerListener countPolls = new AbstractSchedulerListener() {
            @Override
            public void onSchedulerEvent(SchedulerEventType type) {
                if (type == SchedulerEventType.RAN_EXECUTE_DUE) {
                    polls.incrementAndGet();
                }
            }
        };
        Duration poll = Duration.ofMillis(50);
        try (Database database = Database.open(config);
                AutopilotScheduler one = new AutopilotScheduler(database.dataSource(), job, Duration.ofHours(1),
                        poll, List.of(countPolls)).start();
                AutopilotScheduler two = new AutopilotScheduler(database.dataSource(), job, Duration.ofHours(1),
                        poll, List.of(countPolls)).start()) {
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            int before = polls.get();
            Await.until(Duration.ofSeconds(30), "both schedulers polling during the run",
                    () -> polls.get() >= before + 10);
            release.countDown();
            Await.until(Duration.ofSeconds(30), "the run recorded as done", () -> database.jdbi().withHandle(
                    h -> h.createQuery("select count(*) from scheduled_tasks where task_name = :t and not picked "
                                    + "and last_success is not null and execution_time > now() + interval '30 minutes'")
                            .bind("t", AutopilotScheduler.TASK).mapTo(Integer.class).one()) == 1);
            int after = polls.get();
            Await.until(Duration.ofSeconds(30), "more polls after the run", () -> polls.get() >= after + 10);

            assertThat(runs.get()).isEqualTo(1);
        }
    }
}
