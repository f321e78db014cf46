package donna.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.CompanionService;
import donna.backend.config.BackendConfig;
import donna.core.api.BackendClient;
import donna.core.mail.OutgoingMail;
import donna.core.mail.connect.GmailConnectFlow;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxState;
import donna.standins.google.FakeGoogle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's promise, under SIGKILL: a child process flushes the app's outbox through the real service to the
 * fake Google and is killed at random points, many times (50 by default; {@code -Ddonna.crash.kills=N}); the kill
 * points are spread over every step of a send: just after the mail is marked sending, while the service sends it,
 * after the service answered but before the outbox recorded it, and after. New mail is queued between runs so
 * every run has work. At the end one more run finishes, and every mail in the outbox went out exactly once, counted
 * at the fake by its Message-ID. The seed of the random kill points is in every failure message
 * ({@code -Ddonna.crash.seed=S} repeats a run).
 */
class TestOutboxCrash {
    private static final String SECRET = "crash-test-internal-secret-0123456789";
    private static final String USER = "local";
    private static final int WAITING = 3;
    private static final int MARKERS_PER_MAIL = 3;
    private static final Duration MARKER_WAIT = Duration.ofSeconds(90);

    @Test
    // 50 child JVMs started and killed: minutes on a loaded 2-core machine, beyond the suite's default 5-minute cap.
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void a_flush_killed_at_random_points_sends_every_mail_exactly_once(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("donna.crash.seed", System.nanoTime());
        int kills = Integer.getInteger("donna.crash.kills", 50);
        Random random = new Random(seed);
        String why = "kill points from seed " + seed + " (-Ddonna.crash.seed=" + seed + " repeats them)";
        Map<String, Integer> killedAt = new TreeMap<>();

        try (FakeGoogle google = FakeGoogle.start().quota(100_000_000, Duration.ofMinutes(1));
                CompanionService service = CompanionService.start(BackendConfig.loopback(dir.resolve("service"),
                        SECRET).withRateLimitPerMinute(1_000_000).withGoogle(BackendConfig.Google.defaults()
                        .withClient(google.clientId(), google.clientSecret(), google.authUrl(), google.tokenUrl(),
                                google.rootUrl()).withQuota(100_000_000, Duration.ofMinutes(1))));
                MailDatabase db = MailDatabase.open(dir.resolve("mail.db"))) {
            connectGmail(service, google.authUrl());
            Outbox outbox = new Outbox(db, Clock.systemUTC());
            int written = 0;
            for (int run = 0; run < kills; run++) {
                while (outbox.pending().size() < WAITING) {
                    written++;
                    outbox.queue(OutgoingMail.to("friend" + written + "@example.com", "Mail " + written,
                            "Hello number " + written));
                }
                // Kill after the n-th marker line: n = 1 is just after the first mail was marked sending.
                int markers = 1 + random.nextInt(WAITING * MARKERS_PER_MAIL);
                try (Child child = Child.start(dir, service)) {
                    String at = child.awaitMarker(markers);
                    child.kill();
                    killedAt.merge(at.split(" ")[0], 1, Integer::sum);
                }
            }
            try (Child last = Child.start(dir, service)) {
                assertThat(last.awaitMarker(Integer.MAX_VALUE)).as(why).isEqualTo("done");
            }

            List<OutboxEntry> all = outbox.list();
            assertThat(all).as(why).hasSize(written).allSatisfy(e -> {
                assertThat(e.state()).isEqualTo(OutboxState.SENT);
                assertThat(google.sentCount(e.messageId())).as("mail %d, %s", e.id(), why).isEqualTo(1);
            });
            assertThat(google.sent()).as("nothing else went out; " + why).hasSize(written);
            assertThat(killedAt).as("kills landed at every step of a send; " + why)
                    .containsKeys("sending", "answered", "recorded");
            assertThat(killedAt.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(kills);
        }
    }

    /** The connect flow for the bundled user, with a "browser" that follows Google's redirect to the loopback port. */
    private static void connectGmail(CompanionService service, java.net.URI googleAuthUrl) {
        BackendClient client = BackendClient.builder(service.baseUri()).token(() -> Optional.of(SECRET)).user(USER)
                .build();
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        assertThat(new GmailConnectFlow(client, googleAuthUrl).connect(uri -> browser.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding()), Duration.ofSeconds(30), r -> { }).connected()).isTrue();
    }

    /** One child JVM running {@link OutboxFlushChild}; its marker lines arrive on a queue. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Child(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException | UncheckedIOException ended) {
                    // the child was killed
                }
                lines.add("exit");
            });
        }

        static Child start(Path dir, CompanionService service) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            // Fifty JVM starts: a class-data archive made by the first one, the C1 compiler only, and no logging
            // framework to set up (the child's markers are its output) make each start cheap.
            ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1",
                    "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + dir.resolve("child.jsa"),
                    "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"), OutboxFlushChild.class.getName(),
                    dir.resolve("mail.db").toString(), service.baseUri().toString(), SECRET, USER)
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.log").toFile()));
            return new Child(builder.start());
        }

        /** The n-th marker line (or "done"/"exit" when the child got there first). */
        String awaitMarker(int n) throws InterruptedException {
            String line = null;
            for (int i = 0; i < n; i++) {
                line = lines.poll(MARKER_WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(line).as("the child said nothing for %s", MARKER_WAIT).isNotNull();
                if (line.equals("done") || line.equals("exit")) {
                    return line;
                }
            }
            return line;
        }

        /** SIGKILL: no shutdown hook, no finally block runs in the child. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }
}
