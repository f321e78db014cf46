package donna.app.mail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.api.BackendClient;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxState;
import donna.core.oauth.Pkce;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./donna mail}: what each command prints and the exit codes scripts rely on. */
class TestMailCommand {
    @TempDir
    Path data;

    private final StubGmailService service = new StubGmailService();
    private final List<Duration> slept = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        service.close();
    }

    private CommandContext context(Duration connectTimeout) {
        BackendClient client = BackendClient.builder(service.uri()).build();
        return new CommandContext(data, () -> client, uri -> {
            throw new IllegalStateException("no browser in tests");
        }, slept::add, Clock.systemUTC(), connectTimeout);
    }

    private int run(String... args) {
        return MailCommand.execute(context(Duration.ofSeconds(30)), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
    }

    private Path body(String text) throws Exception {
        return Files.writeString(data.resolve("body-" + System.nanoTime() + ".txt"), text);
    }

    private List<OutboxEntry> outbox() {
        try (MailDatabase db = MailDatabase.open(data.resolve("mail.db"))) {
            return new Outbox(db, Clock.systemUTC()).list();
        }
    }

    @Test
    void queue_prints_the_outbox_id_and_keeps_the_mail_without_any_service() throws Exception {
        service.close(); // queueing works offline

        int code = run("queue", "--to", "ana@example.com,bo@example.com", "--subject", "Lunch", "--body-file",
                body("Tuesday at noon?").toString(), "--in-reply-to", "18c2f0a");

        assertThat(code).isZero();
        assertThat(out.toString().strip()).isEqualTo("1");
        OutboxEntry entry = outbox().getFirst();
        assertThat(entry.state()).isEqualTo(OutboxState.QUEUED);
        assertThat(entry.mail().to()).containsExactly("ana@example.com", "bo@example.com");
        assertThat(entry.mail().body()).isEqualTo("Tuesday at noon?");
        assertThat(entry.mail().replyToMessageId()).isEqualTo("18c2f0a");
    }

    @Test
    void usage_errors_exit_2_with_a_message_and_no_stack_trace() throws Exception {
        assertThat(run("queue", "--subject", "no recipient", "--body-file", body("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--to=ADDRESS'").doesNotContain("at donna.");

        assertThat(run("queue", "--to", "ana@example.com", "--subject", "s", "--body-file",
                data.resolve("missing.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Cannot read the body file");

        assertThat(run("queue", "--to", "not-an-address", "--subject", "s", "--body-file", body("x").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Not a mail address in to: not-an-address");

        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(outbox()).isEmpty();
    }

    @Test
    void flush_sends_in_order_and_exits_0_when_nothing_is_left() throws Exception {
        run("queue", "--to", "ana@example.com", "--subject", "first", "--body-file", body("1").toString());
        run("queue", "--to", "ana@example.com", "--subject", "second", "--body-file", body("2").toString());
        out.getBuffer().setLength(0);

        int code = run("flush");

        assertThat(code).isZero();
        assertThat(out.toString().strip()).isEqualTo("sent 2, failed 0");
        assertThat(service.sent).extracting(StubGmailService.Sent::subject).containsExactly("first", "second");
        assertThat(service.sent).extracting(StubGmailService.Sent::key)
                .containsExactlyElementsOf(outbox().stream().map(OutboxEntry::idempotencyKey).toList());
    }

    @Test
    void flush_reports_a_refused_mail_and_exits_1() throws Exception {
        service.refuse.add("bad");
        run("queue", "--to", "ana@example.com", "--subject", "bad", "--body-file", body("1").toString());
        run("queue", "--to", "ana@example.com", "--subject", "good", "--body-file", body("2").toString());
        out.getBuffer().setLength(0);

        int code = run("flush");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString().strip()).isEqualTo("sent 1, failed 1");
        assertThat(err.toString()).contains("mail 1 failed: Invalid address in to");
    }

    @Test
    void flush_waits_out_an_outage_then_gives_up_leaving_the_mail_queued() throws Exception {
        service.down = true;
        run("queue", "--to", "ana@example.com", "--subject", "patient", "--body-file", body("1").toString());
        out.getBuffer().setLength(0);

        int code = run("flush");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString().strip()).isEqualTo("sent 0, failed 0");
        assertThat(err.toString()).contains("1 still queued: Gmail is unavailable");
        assertThat(slept).as("it waited between attempts, growing").hasSize(3);
        assertThat(outbox().getFirst().state()).isEqualTo(OutboxState.QUEUED);
    }

    @Test
    void flush_waits_for_a_lease_an_earlier_attempt_holds_showing_the_time_left_then_sends() throws Exception {
        service.busy.set(5); // more pauses than an outage is waited out for
        service.busyRetryAfterSeconds = 50;
        run("queue", "--to", "ana@example.com", "--subject", "held", "--body-file", body("1").toString());
        out.getBuffer().setLength(0);

        int code = run("flush");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("sent 1, failed 0");
        assertThat(slept).hasSize(5).allMatch(d -> d.toMillis() > 49_000 && d.toMillis() <= 50_000);
        assertThat(err.toString()).contains("mail 1 is being sent by an earlier attempt; waiting 50 s");
        assertThat(service.sent).extracting(StubGmailService.Sent::subject).containsExactly("held");
    }

    @Test
    void flush_gives_up_on_a_lease_that_never_ends() throws Exception {
        service.busy.set(Integer.MAX_VALUE);
        service.busyRetryAfterSeconds = 60;
        run("queue", "--to", "ana@example.com", "--subject", "stuck", "--body-file", body("1").toString());

        int code = run("flush");

        assertThat(code).isEqualTo(1);
        assertThat(slept.stream().mapToLong(Duration::toSeconds).sum()).as("about one lease and then some")
                .isBetween(180L, 360L);
        assertThat(err.toString()).contains("waiting 1 min for it")
                .contains("1 still queued: This mail is being sent right now");
        assertThat(service.sent).isEmpty();
    }

    @Test
    void flush_with_gmail_not_connected_says_what_to_do() throws Exception {
        service.status = "needs_reconnect";
        run("queue", "--to", "ana@example.com", "--subject", "s", "--body-file", body("1").toString());

        assertThat(run("flush")).isEqualTo(1);
        assertThat(err.toString()).contains("Run ./donna mail connect");
        assertThat(service.sent).isEmpty();
    }

    @Test
    void connect_without_a_browser_prints_the_consent_url_alone_and_waits_for_the_redirect() throws Exception {
        LineWatcher watched = new LineWatcher(Pattern.compile("^(https://\\S+)$", Pattern.MULTILINE));
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> MailCommand.execute(
                context(Duration.ofSeconds(30)), new PrintWriter(watched, true), new PrintWriter(err, true),
                "connect", "--no-browser"));

        URI consent = URI.create(watched.match.get(30, TimeUnit.SECONDS));
        String query = consent.getQuery();
        String redirect = query.substring(query.indexOf("redirect_uri=") + 13, query.indexOf("&state="));
        String state = query.substring(query.indexOf("&state=") + 7);
        int browser = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(redirect
                + "?code=the-code&state=" + state)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();

        assertThat(code.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(browser).isEqualTo(200);
        assertThat(watched.toString()).contains("Gmail connected: ana@example.com");
        assertThat(service.lastCallback).containsEntry("code", "the-code").containsEntry("redirect_uri", redirect);
        assertThat(Pkce.s256((String) service.lastCallback.get("code_verifier")))
                .isEqualTo(service.lastStart.get("code_challenge"));
    }

    @Test
    void connect_times_out_with_one_clear_line() {
        int code = MailCommand.execute(context(Duration.ofMillis(300)), new PrintWriter(out, true),
                new PrintWriter(err, true), "connect", "--no-browser");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("donna mail: No answer from the browser within").doesNotContain("\tat ");
    }

    /** A writer that completes a future with the first line matching a pattern (the test's "terminal"). */
    private static final class LineWatcher extends Writer {
        final CompletableFuture<String> match = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final Pattern pattern;

        LineWatcher(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                match.complete(m.group(1));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
