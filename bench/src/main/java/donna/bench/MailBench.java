package donna.bench;

import donna.core.api.BackendClient;
import donna.core.api.RetryPolicy;
import donna.core.api.ServiceException;
import donna.core.mail.OutgoingMail;
import donna.core.mail.SendResult;
import donna.core.mail.connect.GmailConnectFlow;
import donna.core.mail.local.InboxCache;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.Backoff;
import donna.core.mail.outbox.FlushReport;
import donna.core.mail.outbox.MailSender;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxFlusher;
import donna.standins.google.FakeGoogle;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The outbox flushing {@code mails} queued mails through the shipped service (its own process, embedded
 * PostgreSQL) to the stand-in Google with Gmail's real per-user quota (15,000 units a minute; a send costs
 * 100, so 150 sends a minute at most). Prints the sustained sends per minute against that ceiling, the 429s the
 * outbox saw from the service and the fake's own quota refusals; then how long the saved inbox page takes to be
 * ready to paint in a fresh JVM (the Mail pane's first paint) and in a warm one.
 *
 * <p>Usage: {@code ./donna bench mail [--mails 300] [--runs 3] [--rest 65] [--paint-runs 5]
 * [--service-rate-limit 1000000]}
 */
public final class MailBench {
    private static final String USER = "bench-mailer";
    /** Gmail's per-user quota and the cost of one send: the ceiling the outbox can reach. */
    private static final double CEILING_PER_MINUTE = 15_000.0 / 100;

    private MailBench() {}

    record Flush(double steadyPerMinute, double overallPerMinute, long serviceRateLimited, long googleRefusals,
            int sent, int failed, double seconds) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int mails = Integer.parseInt(options.getOrDefault("mails", "300"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        int rest = Integer.parseInt(options.getOrDefault("rest", "65"));
        int paintRuns = Integer.parseInt(options.getOrDefault("paint-runs", "5"));
        String rateLimit = options.getOrDefault("service-rate-limit", "1000000");
        Path jar = Path.of(options.getOrDefault("jar", "backend/target/donna-backend.jar"));

        Path data = Files.createTempDirectory("donna-mail-bench");
        try (FakeGoogle google = FakeGoogle.start();
                ServiceProcess service = new ServiceProcess(jar, Files.createDirectories(data.resolve("service")), Map.of(
                        "GOOGLE_CLIENT_ID", google.clientId(), "GOOGLE_CLIENT_SECRET", google.clientSecret(),
                        "GOOGLE_AUTH_URL", google.authUrl().toString(),
                        "GOOGLE_TOKEN_URL", google.tokenUrl().toString(),
                        "GMAIL_ROOT_URL", google.rootUrl().toString(),
                        // The service's own request limit (60 a minute per user by default) would cap the outbox
                        // below Gmail's quota; this bench measures the quota pacing unless told otherwise.
                        "RATE_LIMIT_PER_MINUTE", rateLimit, "DONNA_LOG_LEVEL", "WARN"), "")) {
            BackendClient client = BackendClient.builder(service.baseUri())
                    .token(() -> Optional.of(ServiceProcess.SECRET)).user(USER).build();
            connect(client, google.authUrl());
            System.out.printf(Locale.ROOT, "mail bench: %d queued mails per run, %d runs, %d s rest between runs "
                    + "(both quota buckets refill), Gmail quota 15,000 units/min = %.0f sends/min, service rate limit "
                    + "%s/min, %d cores%n", mails, runs, rest, CEILING_PER_MINUTE, rateLimit,
                    Runtime.getRuntime().availableProcessors());
            List<Flush> all = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                if (run > 1) {
                    Thread.sleep(Duration.ofSeconds(rest));
                }
                Flush f = flush(client, google, data.resolve("outbox-" + run + ".db"), mails);
                all.add(f);
                System.out.printf(Locale.ROOT, "run %d: steady %6.1f sends/min (%5.1f%% of %.0f)  overall %6.1f/min"
                        + "  sent %d failed %d in %.1f s  429 from service %d  quota refusals at Google %d%n", run,
                        f.steadyPerMinute(), 100 * f.steadyPerMinute() / CEILING_PER_MINUTE, CEILING_PER_MINUTE,
                        f.overallPerMinute(), f.sent(), f.failed(), f.seconds(), f.serviceRateLimited(),
                        f.googleRefusals());
            }
            double steady = median(all, Flush::steadyPerMinute);
            System.out.printf(Locale.ROOT, "median: steady %6.1f sends/min = %5.1f%% of the ceiling  overall %6.1f/min"
                    + "  429 from service %.0f  quota refusals at Google %.0f%n", steady,
                    100 * steady / CEILING_PER_MINUTE, median(all, Flush::overallPerMinute),
                    median(all, Flush::serviceRateLimited), median(all, Flush::googleRefusals));

            paint(client, google, data.resolve("inbox.db"), paintRuns);
        }
    }

    /** The app's connect flow, with a "browser" that follows the fake's consent redirect to the loopback port. */
    private static void connect(BackendClient client, java.net.URI fakeAuthUrl) {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        new GmailConnectFlow(client, fakeAuthUrl).connect(uri -> browser.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding()), Duration.ofSeconds(60), r -> { });
    }

    private static Flush flush(BackendClient client, FakeGoogle google, Path file, int mails) throws Exception {
        try (MailDatabase db = MailDatabase.open(file)) {
            Outbox outbox = new Outbox(db, Clock.systemUTC());
            for (int i = 1; i <= mails; i++) {
                outbox.queue(OutgoingMail.to("reader" + i + "@example.com", "Bench mail " + i, "Hello " + i + "."));
            }
            long[] sentAt = new long[mails];
            int[] sent = {0};
            AtomicLong rateLimited = new AtomicLong();
            MailSender counting = (mail, key) -> {
                try {
                    SendResult result = client.send(mail, key);
                    sentAt[sent[0]++] = System.nanoTime();
                    return result;
                } catch (ServiceException e) {
                    if (e.error().status() == 429) {
                        rateLimited.incrementAndGet();
                    }
                    throw e;
                }
            };
            long refusals = google.quotaRefusals();
            long t0 = System.nanoTime();
            FlushReport report = new OutboxFlusher(outbox, counting, Backoff.defaults(), Clock.systemUTC())
                    .drain(20, RetryPolicy.Sleeper.REAL);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Flush(steady(sentAt, sent[0]), report.sent() / seconds * 60, rateLimited.get(),
                    google.quotaRefusals() - refusals, report.sent(), report.failed(), seconds);
        }
    }

    /**
     * Sends per minute over the last third of the run. Both quota buckets start full (14,250 units at the service),
     * so the first ~180 sends go out in a burst (the bucket refills while it drains); after that the quota paces, at
     * the rate a long outbox sees.
     */
    private static double steady(long[] sentAt, int count) {
        int from = count * 2 / 3;
        int to = count - 1;
        return to > from ? (to - from) / ((sentAt[to] - sentAt[from]) / 1e9) * 60 : Double.NaN;
    }

    /** The Mail pane's first paint reads the saved inbox page: timed in fresh JVMs (cold) and in this one (warm). */
    private static void paint(BackendClient client, FakeGoogle google, Path file, int runs) throws Exception {
        for (int i = 1; i <= 30; i++) {
            google.addInboxMessage().from("Sender " + i + " <sender" + i + "@example.com>").subject("Inbox mail " + i)
                    .text("A short note, number " + i + ", long enough to make a snippet of the usual size.")
                    .receivedAt(Instant.now().minusSeconds(60L * i)).add();
        }
        try (MailDatabase db = MailDatabase.open(file)) {
            new InboxCache(db, Clock.systemUTC()).savePage(client.mailPage(25, null, null));
        }
        double[] open = new double[runs];
        double[] firstRead = new double[runs];
        for (int i = 0; i < runs; i++) {
            InboxPaint.Cold cold = InboxPaint.inFreshJvm(file);
            open[i] = cold.openMs();
            firstRead[i] = cold.readMs();
        }
        double[] warm = new double[runs];
        try (MailDatabase db = MailDatabase.open(file)) {
            InboxCache cache = new InboxCache(db, Clock.systemUTC());
            for (int i = 0; i < 50; i++) {
                cache.page();
            }
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                cache.page().orElseThrow();
                warm[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(open);
        Arrays.sort(firstRead);
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "inbox first paint from the saved page (25 mails), medians of %d fresh JVMs: "
                + "open mail.db %.1f ms, first read + parse %.1f ms (range %.1f-%.1f; both paid by the app's warm-up "
                + "thread while the window is built); warm read (the pane's) %.2f ms%n", runs, open[runs / 2],
                firstRead[runs / 2], firstRead[0], firstRead[runs - 1], warm[runs / 2]);
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> metric) {
        double[] sorted = values.stream().mapToDouble(metric).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
