package donna.backend.gmail;

import static donna.backend.support.GmailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.standins.google.Endpoint;
import donna.standins.google.Fault;
import donna.standins.google.SentMail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestGmailSend {
    private GmailFixture f;

    private void connected(GmailFixture fixture) {
        f = fixture.connectedAs("ann");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static String mail(Object to, String subject, String body, String... extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", to);
        m.put("subject", subject);
        m.put("body", body);
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return json(m);
    }

    private Http.Response send(String body, String key) {
        return key == null ? f.post("ann", "/api/gmail/send", body)
                : f.post("ann", "/api/gmail/send", body, "Idempotency-Key", key);
    }

    @Test
    void a_sent_mail_is_announced_to_the_webhooks_that_asked_with_its_recipients_and_subject_never_its_body() {
        connected(new GmailFixture(g -> g, donna.backend.config.BackendConfig.Footprint.SERVER,
                c -> c.withWebhooks(new donna.backend.config.BackendConfig.Webhooks(true, java.time.Duration.ZERO))));
        Http.Response hook = f.post("ann", "/api/webhooks", json(Map.of("url", "http://127.0.0.1:9/hooks",
                "events", List.of("mail.sent"))));
        assertThat(hook.status()).as(hook.body()).isEqualTo(200);

        Http.Response sent = send(mail(List.of("ann@example.com"), "Contract", "The secret terms."), "hook-0001");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(send(mail(List.of("ann@example.com"), "Contract", "The secret terms."), "hook-0001").status())
                .as("the same key again").isEqualTo(200);

        assertThat(f.count("select count(*) from webhook_deliveries where event_type = 'mail.sent'"))
                .as("once, however often the key is asked").isEqualTo(1);
        String payload = f.service.service().database().jdbi().withHandle(h -> h.createQuery(
                "select payload::text from webhook_deliveries").mapTo(String.class).one());
        assertThat(GmailFixture.tree(payload).path("data").path("to").asText()).contains("ann@example.com");
        assertThat(GmailFixture.tree(payload).path("data").path("subject").asText()).isEqualTo("Contract");
        assertThat(payload).doesNotContain("secret terms");
    }

    @Test
    void a_mail_goes_out_as_rfc5322_mime_and_is_logged() {
        connected(new GmailFixture());
        String body = json(Map.of("to", List.of("Ann Lee <ann@example.com>"), "cc", List.of("cc@example.com"),
                "bcc", List.of("hidden@example.com"), "subject", "Caf\u00e9 at 3?", "body", "See you there.\nA."));

        Http.Response sent = send(body, "outbox-0001");

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        JsonNode r = sent.json();
        assertThat(r.path("status").asText()).isEqualTo("sent");
        assertThat(r.path("replayed").asBoolean()).isFalse();
        assertThat(r.path("message_id").asText()).matches("<donna\\.[0-9a-f]{32}@example\\.com>");
        SentMail mail = f.google.sent().getFirst();
        assertThat(mail.id()).isEqualTo(r.path("id").asText());
        assertThat(mail.threadId()).isEqualTo(r.path("thread_id").asText());
        assertThat(mail.messageId()).isEqualTo(r.path("message_id").asText());
        assertThat(mail.to()).containsExactly("ann@example.com");
        assertThat(mail.cc()).containsExactly("cc@example.com");
        assertThat(mail.bcc()).containsExactly("hidden@example.com");
        assertThat(mail.subject()).isEqualTo("Caf\u00e9 at 3?");
        assertThat(mail.text()).isEqualTo("See you there.\nA.");
        assertThat(mail.from()).isEqualTo("me@example.com");
        assertThat(mail.rawText()).contains("MIME-Version: 1.0", "Subject: =?UTF-8?");
        assertThat(mail.inReplyTo()).isNull();
        assertThat(f.count("select count(*) from email_logs where status = 'sent' and attempts = 1 and gmail_id = '"
                + mail.id() + "'")).isEqualTo(1);
    }

    @Test
    void a_reply_threads_under_the_original() {
        connected(new GmailFixture());
        String original = f.google.addInboxMessage().from("Bob <bob@example.com>").subject("Plans")
                .messageId("<orig-1@mail.example.com>").header("References", "<root@mail.example.com>").add();

        Http.Response sent = send(mail(List.of("bob@example.com"), "Re: Plans", "Sounds good",
                "reply_to_message_id", original), "reply-0001");

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        SentMail mail = f.google.sent().getFirst();
        assertThat(mail.inReplyTo()).isEqualTo("<orig-1@mail.example.com>");
        assertThat(mail.references()).isEqualTo("<root@mail.example.com> <orig-1@mail.example.com>");
        assertThat(mail.threadId()).isEqualTo(f.google.threadIdOf(original));
        assertThat(sent.json().path("thread_id").asText()).isEqualTo(f.google.threadIdOf(original));
        assertThat(send(mail(List.of("bob@example.com"), "Re", "x", "reply_to_message_id", "ffffffff"),
                "reply-0002").errorCode()).isEqualTo("invalid_input");
    }

    @Test
    void line_breaks_in_any_header_field_are_refused_and_logged() {
        connected(new GmailFixture());
        List<String> bodies = List.of(
                mail(List.of("ann@example.com"), "Hi\r\nBcc: victim@example.com", "b"),
                mail(List.of("ann@example.com\r\nBcc: victim@example.com"), "Hi", "b"),
                mail(List.of("ann@example.com\nX-Evil: 1"), "Hi", "b"),
                json(Map.of("to", List.of("ann@example.com"), "cc", List.of("cc@example.com\r\nBcc: v@example.com"),
                        "subject", "Hi", "body", "b")));
        for (String body : bodies) {
            Http.Response refused = send(body, "inject-0001");
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("invalid_input");
        }
        assertThat(f.google.sent()).isEmpty();
        assertThat(f.count("select count(*) from email_logs where status = 'rejected'")).isEqualTo(4);
        assertThat(f.count("select count(*) from email_logs where subject like '%\n%' or to_address like '%\n%'"))
                .as("logged without the line breaks").isZero();
    }

    @Test
    void invalid_addresses_and_an_empty_to_are_400() {
        connected(new GmailFixture());
        for (Object to : List.of(List.of("not-an-address"), List.of("ann@"), List.of(""), List.of(),
                List.of("ann@example.com, bob@example.com"), List.of("Group: a@example.com;"), "ann@example.com")) {
            Http.Response refused = send(mail(to, "Hi", "b"), "address-0001");
            assertThat(refused.status()).as(String.valueOf(to)).isEqualTo(400);
        }
        assertThat(f.google.calls(Endpoint.SEND)).isZero();
    }

    @Test
    void the_idempotency_key_is_required_and_checked() {
        connected(new GmailFixture());
        String body = mail(List.of("ann@example.com"), "Hi", "b");
        for (String key : new String[] {null, "short", "has spaces in it", "x".repeat(129), "bad/char-123"}) {
            Http.Response refused = send(body, key);
            assertThat(refused.status()).as(String.valueOf(key)).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("invalid_idempotency_key");
        }
        assertThat(f.google.sent()).isEmpty();
    }

    @Test
    void the_same_key_answers_the_first_result_and_never_sends_twice() {
        connected(new GmailFixture());
        String body = mail(List.of("ann@example.com"), "Once", "only once");

        JsonNode first = send(body, "outbox-0002").json();
        JsonNode again = send(body, "outbox-0002").json();
        JsonNode other = send(body, "outbox-0003").json();

        assertThat(again.path("replayed").asBoolean()).isTrue();
        assertThat(again.path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(again.path("message_id").asText()).isEqualTo(first.path("message_id").asText());
        assertThat(f.google.sentCount(first.path("message_id").asText())).isEqualTo(1);
        assertThat(other.path("message_id").asText()).isNotEqualTo(first.path("message_id").asText());
        assertThat(f.google.calls(Endpoint.SEND)).isEqualTo(2);
    }

    @Test
    void a_commit_that_fails_after_gmail_accepted_is_settled_by_finding_the_mail_in_sent() {
        connected(new GmailFixture());
        // The service's write of "sent" fails once, as if it died between Gmail's accept and its commit.
        f.execute("""
                create sequence fail_commit_once;
                create function fail_commit_once() returns trigger language plpgsql as $$
                begin
                  if new.status = 'sent' and nextval('fail_commit_once') = 1 then
                    raise exception 'simulated crash before commit';
                  end if;
                  return new;
                end $$;
                create trigger fail_commit_once before update on email_logs
                  for each row execute function fail_commit_once();""");
        String body = mail(List.of("ann@example.com"), "Exactly once", "b");

        Http.Response unconfirmed = send(body, "outbox-0004");
        assertThat(unconfirmed.status()).isEqualTo(503);
        assertThat(unconfirmed.errorCode()).isEqualTo("send_unconfirmed");
        assertThat(f.google.sent()).hasSize(1);

        Http.Response settled = send(body, "outbox-0004");

        assertThat(settled.status()).as(settled.body()).isEqualTo(200);
        assertThat(settled.json().path("replayed").asBoolean()).isTrue();
        assertThat(settled.json().path("id").asText()).isEqualTo(f.google.sent().getFirst().id());
        assertThat(f.google.sentCount(settled.json().path("message_id").asText())).isEqualTo(1);
        assertThat(f.google.calls(Endpoint.SEND)).isEqualTo(1);
        assertThat(f.count("select attempts from email_logs where idempotency_key = 'outbox-0004'")).isEqualTo(2);
    }

    @Test
    void a_lost_log_row_or_a_lost_answer_still_sends_once() {
        connected(new GmailFixture());
        String body = mail(List.of("ann@example.com"), "Once", "b");
        JsonNode first = send(body, "outbox-0005").json();
        f.execute("delete from email_logs");

        JsonNode again = send(body, "outbox-0005").json();
        assertThat(again.path("replayed").asBoolean()).isTrue();
        assertThat(again.path("id").asText()).isEqualTo(first.path("id").asText());

        f.google.failNext(Endpoint.SEND, 1, Fault.dropAnswerAfterAccept());
        Http.Response dropped = send(body, "outbox-0006");
        assertThat(dropped.status()).isEqualTo(503);
        Http.Response retried = send(body, "outbox-0006");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("replayed").asBoolean()).isTrue();
        assertThat(f.google.sentCount(retried.json().path("message_id").asText())).isEqualTo(1);
        assertThat(f.google.sent()).hasSize(2);
    }

    @Test
    void a_key_being_sent_is_busy_until_its_lease_runs_out() {
        connected(new GmailFixture());
        // What a service that died mid-send leaves behind: the key claimed, its lease still running.
        f.execute("""
                insert into email_logs (user_id, idempotency_key, status, message_id, attempts, lease_until)
                select id, 'outbox-0007', 'sending', '<donna.crashed@example.com>', 1, now() + interval '1 hour'
                from users where clerk_id = 'ann'""");
        String body = mail(List.of("ann@example.com"), "Held", "b");

        Http.Response busy = send(body, "outbox-0007");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.errorCode()).isEqualTo("send_in_progress");

        f.execute("update email_logs set lease_until = now() - interval '1 second'");
        Http.Response taken = send(body, "outbox-0007");
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(taken.json().path("message_id").asText()).isEqualTo("<donna.crashed@example.com>");
        assertThat(f.google.sentCount("<donna.crashed@example.com>")).isEqualTo(1);
    }

    /**
     * What a service killed mid-send leaves: one key whose mail Gmail accepted before the service could record it
     * (every write to its row fails from then on, as after a kill), one whose attempt never reached Gmail; both
     * rows in {@code sending} with their lease running.
     */
    private void dieMidSend(String accepted, String neverSent) {
        f.execute("""
                create function frozen() returns trigger language plpgsql as $$
                begin
                  raise exception 'simulated kill: the row is never written again';
                end $$;
                create trigger frozen before update on email_logs
                  for each row when (old.status = 'sending') execute function frozen();""");
        Http.Response died = send(mail(List.of("ann@example.com"), "Accepted", "a"), accepted);
        assertThat(died.status()).as(died.body()).isEqualTo(503);
        f.execute("drop trigger frozen on email_logs");
        f.execute("""
                insert into email_logs (user_id, idempotency_key, status, message_id, attempts, lease_until)
                select id, '%s', 'sending', '<donna.never@example.com>', 1, now() + interval '3 minutes'
                from users where clerk_id = 'ann'""".formatted(neverSent));
        assertThat(f.count("select count(*) from email_logs where status = 'sending'")).isEqualTo(2);
        assertThat(f.google.sent()).hasSize(1);
    }

    @Test
    void the_bundled_service_takes_over_its_dead_leases_at_start_and_each_mail_goes_out_once() {
        connected(new GmailFixture(g -> g, donna.backend.config.BackendConfig.Footprint.DESKTOP));
        dieMidSend("outbox-0101", "outbox-0102");
        Http.Response held = send(mail(List.of("ann@example.com"), "Never", "n"), "outbox-0102");
        assertThat(held.status()).isEqualTo(409);

        f.restart(c -> c);
        Http.Response adopted = send(mail(List.of("ann@example.com"), "Accepted", "a"), "outbox-0101");
        Http.Response sentNow = send(mail(List.of("ann@example.com"), "Never", "n"), "outbox-0102");

        assertThat(adopted.status()).as(adopted.body()).isEqualTo(200);
        assertThat(adopted.json().path("replayed").asBoolean()).as("found in Sent, not sent again").isTrue();
        assertThat(f.google.sentCount(adopted.json().path("message_id").asText())).isEqualTo(1);
        assertThat(sentNow.status()).as(sentNow.body()).isEqualTo(200);
        assertThat(sentNow.json().path("message_id").asText()).isEqualTo("<donna.never@example.com>");
        assertThat(f.google.sentCount("<donna.never@example.com>")).isEqualTo(1);
        assertThat(f.google.calls(Endpoint.SEND)).as("each mail once").isEqualTo(2);
        assertThat(f.count("select count(*) from email_logs where status = 'sent'")).isEqualTo(2);
    }

    @Test
    void a_shared_deployment_keeps_a_dead_lease_until_it_expires_and_says_how_long() {
        connected(new GmailFixture());
        dieMidSend("outbox-0103", "outbox-0104");

        f.restart(c -> c);
        Http.Response held = send(mail(List.of("ann@example.com"), "Never", "n"), "outbox-0104");

        assertThat(held.status()).as("another instance may own it").isEqualTo(409);
        assertThat(held.errorCode()).isEqualTo("send_in_progress");
        assertThat(Long.parseLong(held.header("Retry-After"))).isBetween(1L, 180L);
        assertThat(f.google.calls(Endpoint.SEND)).isEqualTo(1);
    }

    @Test
    void gmail_rate_limits_are_retried_after_their_retry_after() {
        connected(new GmailFixture());
        f.google.failNext(Endpoint.SEND, 1, Fault.rateLimited(Duration.ofSeconds(1)))
                .failNext(Endpoint.SEND, 1, Fault.userRateLimited(Duration.ofSeconds(1)));
        long started = System.nanoTime();

        Http.Response sent = send(mail(List.of("ann@example.com"), "Patience", "b"), "outbox-0008");

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited Retry-After twice")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        assertThat(f.google.calls(Endpoint.SEND)).isEqualTo(3);
        assertThat(f.google.sent()).hasSize(1);
    }

    @Test
    void a_rate_limit_that_does_not_end_is_429_with_retry_after() {
        connected(new GmailFixture());
        f.google.failNext(Endpoint.SEND, 10, Fault.rateLimited(Duration.ofSeconds(1)));

        Http.Response limited = send(mail(List.of("ann@example.com"), "Never", "b"), "outbox-0009");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(f.google.calls(Endpoint.SEND)).as("bounded").isEqualTo(4);
        assertThat(f.count("select count(*) from email_logs where status = 'retry'")).isEqualTo(1);
    }

    @Test
    void a_burst_of_sends_is_paced_under_the_quota_without_a_single_429() throws Exception {
        // 1,000 units per 2 s on both sides; each send costs 105 (a Sent search and the send).
        connected(new GmailFixture(g -> g.withQuota(1_000, Duration.ofSeconds(2))));
        f.google.quota(1_000, Duration.ofSeconds(2));
        int mails = 20;
        long started = System.nanoTime();
        List<Future<Http.Response>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(mails)) {
            for (int i = 0; i < mails; i++) {
                String key = "burst-" + String.format("%04d", i);
                results.add(pool.submit(() -> send(mail(List.of("ann@example.com"), "Burst", "b"), key)));
            }
            for (Future<Http.Response> r : results) {
                assertThat(r.get().status()).as(r.get().body()).isEqualTo(200);
            }
        }
        assertThat(f.google.quotaRefusals()).as("no 429 from Gmail").isZero();
        assertThat(f.google.calls(Endpoint.SEND)).isEqualTo(mails);
        assertThat(f.google.sent()).hasSize(mails);
        // 20 x 105 = 2,100 units with 500 at hand (the pacer keeps a second of refill in reserve): 3.2 s at least.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(3_000));
    }

    @Test
    void a_user_without_gmail_gets_409() {
        f = new GmailFixture();
        Http.Response refused = send(mail(List.of("ann@example.com"), "Hi", "b"), "outbox-0010");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("gmail_not_connected");
    }
}
