package donna.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.api.BackendClient;
import donna.core.mail.connect.GmailConnectFlow;
import donna.standins.google.FakeGoogle;
import donna.testkit.webhooks.FakeWebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign of {@code recipients} mails sent by the shipped service (its own process, embedded PostgreSQL) to the
 * stand-in Google with Gmail's real per-user quota (15,000 units a minute, a send costs 100: 150 sends a
 * minute at most), with a webhook on loopback subscribed to {@code mail.sent}, so every mail also makes a delivery.
 * Prints sends per minute against the quota's ceiling (counted at the fake, which is what Gmail would see), the
 * time to send them all, the service's memory while it sends (RSS of its JVM and PSS of it with its PostgreSQL;
 * heap from {@code jcmd GC.heap_info}), and the webhook deliveries: per second, and how long after the send each
 * arrived (the event's {@code created_at}, stamped just after Gmail accepted the mail, to the receiver's clock:
 * one machine, one clock). Then a burst: {@code burst} deliveries queued at once (voice {@code ended} events, 100 a
 * request) and the rate the worker drains them at, which is its own ceiling rather than the campaign's pace.
 *
 * <p>Usage: {@code ./donna bench campaign [--recipients 1000] [--quota 15000] [--burst 500]
 * [--campaign-poll 1] [--webhook-poll 1]}
 */
public final class CampaignBench {
    private static final String USER = "bench-campaigner";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP = Pattern.compile("(?:committed|total) (\\d+)K, used (\\d+)K");

    private CampaignBench() {}

    /** The fake's sent count at a moment (sampled), and memory samples taken beside it. */
    private record Count(long nanos, Instant at, int sent) {}

    private record Memory(ProcessMemory jvm, ProcessMemory tree, int processes, long heapUsedKb, long heapTotalKb) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int recipients = Integer.parseInt(options.getOrDefault("recipients", "1000"));
        long quota = Long.parseLong(options.getOrDefault("quota", "15000"));
        int burst = Integer.parseInt(options.getOrDefault("burst", "500"));
        String campaignPoll = options.getOrDefault("campaign-poll", "1");
        String webhookPoll = options.getOrDefault("webhook-poll", "1");
        Path jar = Path.of(options.getOrDefault("jar", "backend/target/donna-backend.jar"));
        double ceiling = quota / 100.0; // sends a minute the quota allows (a send costs 100 units)

        System.out.printf(Locale.ROOT, "campaign bench: %d recipients, quota %d units/min at the fake Google and the "
                + "service, a send costs 100 units: ceiling %.1f sends/min; campaign poll %s s, webhook poll %s s; "
                + "%d cores; load average at start %s%n", recipients, quota, ceiling, campaignPoll, webhookPoll,
                Runtime.getRuntime().availableProcessors(), loadAverage());

        Path data = Files.createTempDirectory("donna-campaign-bench");
        Path serviceDir = Files.createDirectories(data.resolve("service"));
        try (FakeGoogle google = FakeGoogle.start().quota(quota, Duration.ofMinutes(1));
                FakeWebhookReceiver receiver = FakeWebhookReceiver.start();
                ServiceProcess service = new ServiceProcess(jar, serviceDir,
                        Map.ofEntries(
                        Map.entry("GOOGLE_CLIENT_ID", google.clientId()),
                        Map.entry("GOOGLE_CLIENT_SECRET", google.clientSecret()),
                        Map.entry("GOOGLE_AUTH_URL", google.authUrl().toString()),
                        Map.entry("GOOGLE_TOKEN_URL", google.tokenUrl().toString()),
                        Map.entry("GMAIL_ROOT_URL", google.rootUrl().toString()),
                        Map.entry("GMAIL_QUOTA_UNITS_PER_MINUTE", Long.toString(quota)),
                        Map.entry("WEBHOOKS_ALLOW_LOOPBACK", "true"),
                        Map.entry("WEBHOOKS_POLL_SECONDS", webhookPoll),
                        Map.entry("CAMPAIGNS_POLL_SECONDS", campaignPoll),
                        // The bench polls the campaign's counts; the per-user request limit is not under test.
                        Map.entry("RATE_LIMIT_PER_MINUTE", "1000000"),
                        Map.entry("DONNA_LOG_LEVEL", "WARN")), "")) {
            BackendClient client = BackendClient.builder(service.baseUri())
                    .token(() -> Optional.of(ServiceProcess.SECRET)).user(USER).build();
            connect(client, google.authUrl());
            Api api = new Api(service.baseUri());
            api.call("POST", "/api/webhooks", JSON.createObjectNode().put("url", receiver.url("/mail"))
                    .set("events", JSON.createArrayNode().add("mail.sent")), 200);
            String campaign = createCampaign(api, recipients);

            List<Count> counts = new CopyOnWriteArrayList<>();
            List<Memory> memory = new CopyOnWriteArrayList<>();
            long pid = service.handle().pid();
            Thread sampler = Thread.ofPlatform().daemon().name("campaign-bench-sampler").start(() -> {
                long nextMemory = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    counts.add(new Count(System.nanoTime(), Instant.now(), google.sent().size()));
                    if (System.nanoTime() >= nextMemory) {
                        memory.add(memory(pid, serviceDir));
                        nextMemory = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });

            long t0 = System.nanoTime();
            api.call("POST", "/api/campaigns/" + campaign + "/start", null, 200);
            long timeout = t0 + TimeUnit.SECONDS.toNanos((long) (recipients / ceiling * 60 * 1.5) + 300);
            JsonNode state = api.call("GET", "/api/campaigns/" + campaign, null, 200).path("campaign");
            // Every recipient settled (none queued) ends the sending; then the worker should mark it completed.
            while (state.path("counts").path("queued").asInt(1) > 0 && System.nanoTime() < timeout) {
                Thread.sleep(1_000);
                state = api.call("GET", "/api/campaigns/" + campaign, null, 200).path("campaign");
            }
            long completeBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!state.path("status").asText().equals("completed") && System.nanoTime() < completeBy) {
                Thread.sleep(1_000);
                state = api.call("GET", "/api/campaigns/" + campaign, null, 200).path("campaign");
            }
            boolean allDelivered = receiver.awaitRequests(recipients, Duration.ofMinutes(2));
            sampler.interrupt();
            sampler.join();
            memory.add(memory(pid, serviceDir));

            report(state, counts, memory, t0, recipients, ceiling, google, receiver, allDelivered);
            if (burst > 0) {
                burst(api, receiver, burst);
            }
            System.out.printf(Locale.ROOT, "load average at end %s%n", loadAverage());
        }
    }

    private static String createCampaign(Api api, int recipients) throws Exception {
        ArrayNode emails = JSON.createArrayNode();
        for (int i = 1; i <= recipients; i++) {
            emails.add("Reader " + i + " <reader" + i + "@example.com>");
        }
        ObjectNode body = JSON.createObjectNode().put("name", "Bench campaign")
                .put("subject", "News for {{first_name}}")
                .put("body", "Hello {{first_name}},\n\nThe bench's news, for {{email}}.\n")
                // The default cap (400 a day) would stop a 1,000-mail campaign; 2,000 is the highest allowed.
                .put("daily_cap", Math.min(2_000, Math.max(400, recipients)));
        body.putObject("audience").set("emails", emails);
        JsonNode made = api.call("POST", "/api/campaigns", body, 201);
        if (made.path("refused").size() > 0) {
            throw new IllegalStateException("recipients refused: " + made.path("refused"));
        }
        return made.path("campaign").path("id").asText();
    }

    private static void report(JsonNode state, List<Count> counts, List<Memory> memory, long t0,
            int recipients, double ceiling, FakeGoogle google, FakeWebhookReceiver receiver, boolean allDelivered) {
        // Each send's time: the first sample at which the fake's count covered it (100 ms resolution).
        long[] sentAt = new long[recipients];
        Instant lastSent = null;
        int filled = 0;
        for (Count c : counts) {
            while (filled < Math.min(c.sent(), recipients)) {
                sentAt[filled++] = c.nanos();
                lastSent = c.at();
            }
        }
        double allSeconds = filled > 0 ? (sentAt[filled - 1] - t0) / 1e9 : Double.NaN;
        double overall = filled / allSeconds * 60;
        // The service's quota bucket starts full (the quota less 5 %: 142 sends of 15,000 units), so those go out at
        // once; the pace a long campaign keeps is measured after them (over the last two thirds, as MailBench does,
        // or from 10 % past the bucket's content when the run is too small for that to be clear of it).
        long bucketSends = (long) (ceiling * 100 - Math.max(ceiling * 100 / 20, ceiling * 100 / 60)) / 100;
        int from = (int) Math.max(filled / 3, Math.ceil(bucketSends * 1.1));
        int to = filled - 1;
        double steady = to > from ? (to - from) / ((sentAt[to] - sentAt[from]) / 1e9) * 60 : Double.NaN;
        String status = state.path("status").asText();
        System.out.printf(Locale.ROOT, "campaign: status %s%s, counts %s; %d sent at the fake Google (quota refusals "
                + "there %d) in %.1f s from Start%n", status, status.equals("completed") ? ""
                : " (NOT completed 30 s after the last recipient settled)", state.path("counts"), filled,
                google.quotaRefusals(), allSeconds);
        System.out.printf(Locale.ROOT, "sends: steady (sends %d-%d) %.1f/min = %.1f%% of the %.1f ceiling; "
                + "overall %.1f/min (includes the full bucket's burst at the start and the first poll)%n", from + 1,
                to + 1, steady,
                100 * steady / ceiling, ceiling, overall);

        long maxJvmRss = 0;
        long maxJvmPss = 0;
        int processes = 0;
        long maxTreePss = 0;
        long maxHeapUsed = 0;
        long maxHeapTotal = 0;
        for (Memory m : memory) {
            maxJvmRss = Math.max(maxJvmRss, m.jvm().rssKb());
            maxJvmPss = Math.max(maxJvmPss, m.jvm().pssKb());
            processes = Math.max(processes, m.processes());
            maxTreePss = Math.max(maxTreePss, m.tree().pssKb());
            maxHeapUsed = Math.max(maxHeapUsed, m.heapUsedKb());
            maxHeapTotal = Math.max(maxHeapTotal, m.heapTotalKb());
        }
        Memory last = memory.getLast();
        System.out.printf(Locale.ROOT, "service memory during the campaign (%d samples, every 10 s): JVM RSS max "
                + "%.0f MB (at end %.0f MB, peak VmHWM %.0f MB), its PSS max %.0f MB; with its PostgreSQL "
                + "(%d processes) PSS max %.0f MB; heap used max %.0f MB of %.0f MB committed%n", memory.size(),
                maxJvmRss / 1024.0,
                last.jvm().rssMb(), last.jvm().hwmMb(), maxJvmPss / 1024.0, processes, maxTreePss / 1024.0,
                maxHeapUsed / 1024.0, maxHeapTotal / 1024.0);

        List<FakeWebhookReceiver.Received> mail = receiver.requests().stream()
                .filter(r -> r.path().equals("/mail")).toList();
        long[] lags = new long[mail.size()];
        for (int i = 0; i < lags.length; i++) {
            lags[i] = Duration.between(createdAt(mail.get(i)), mail.get(i).at()).toMillis();
        }
        Arrays.sort(lags);
        double span = mail.size() > 1
                ? Duration.between(mail.getFirst().at(), mail.getLast().at()).toNanos() / 1e9 : Double.NaN;
        System.out.printf(Locale.ROOT, "webhooks (mail.sent): %d of %d delivered%s; %.2f deliveries/s over %.1f s "
                + "(paced by the sends); lag send -> receiver p50 %.0f ms p95 %.0f ms max %.0f ms; last send to "
                + "last delivery %.1f s%n", mail.size(), recipients, allDelivered ? "" : " (NOT all within 2 min)",
                (mail.size() - 1) / span, span, Percentiles.of(lags, 0.50), Percentiles.of(lags, 0.95),
                Percentiles.of(lags, 1.0), mail.isEmpty() || lastSent == null ? Double.NaN
                        : Duration.between(lastSent, mail.getLast().at()).toMillis() / 1e3);
    }

    /** {@code count} deliveries queued at once (voice sessions ended, 100 a request), drained by the worker. */
    private static void burst(Api api, FakeWebhookReceiver receiver, int count) throws Exception {
        api.call("POST", "/api/webhooks", JSON.createObjectNode().put("url", receiver.url("/burst"))
                .set("events", JSON.createArrayNode().add("voice.session.ended")), 200);
        int before = receiver.requests().size();
        Instant queuedFrom = Instant.now();
        for (int done = 0; done < count; ) {
            ArrayNode events = JSON.createArrayNode();
            for (int i = 0; i < 100 && done < count; i++, done++) {
                events.addObject().put("session_id", "bench-" + done).put("type", "ended")
                        .put("at", OffsetDateTime.now().toString()).putObject("data");
            }
            api.call("POST", "/api/voice/events", JSON.createObjectNode().set("events", events), 200);
        }
        Instant queued = Instant.now();
        boolean all = receiver.awaitRequests(before + count, Duration.ofMinutes(5));
        List<FakeWebhookReceiver.Received> got = receiver.requests().stream()
                .filter(r -> r.path().equals("/burst")).toList();
        if (got.isEmpty()) {
            System.out.println("webhook burst: nothing delivered");
            return;
        }
        double drain = Duration.between(got.getFirst().at(), got.getLast().at()).toNanos() / 1e9;
        double total = Duration.between(queuedFrom, got.getLast().at()).toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "webhook burst: %d deliveries queued in %.1f s; %d delivered%s; first to last "
                + "%.1f s = %.1f deliveries/s; from the first queued to the last delivered %.1f s = %.1f/s%n", count,
                Duration.between(queuedFrom, queued).toNanos() / 1e9, got.size(), all ? "" : " (NOT all within 5 min)",
                drain, (got.size() - 1) / drain, total, got.size() / total);
    }

    private static Instant createdAt(FakeWebhookReceiver.Received r) {
        try {
            return OffsetDateTime.parse(JSON.readTree(r.body()).path("created_at").asText()).toInstant();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Memory memory(long pid, Path serviceDir) {
        long used = 0;
        long total = 0;
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = HEAP.matcher(out); // the first heap line: the whole heap under G1 and Serial
            if (m.find()) {
                total = Long.parseLong(m.group(1));
                used = Long.parseLong(m.group(2));
            }
        } catch (IOException e) {
            // no jcmd: heap left at 0
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The embedded PostgreSQL detaches from the JVM (pg_ctl): found by its data folder, with its backends.
        List<Long> tree = new ArrayList<>(ProcessMemory.tree(pid));
        String pgData = "-D " + serviceDir.resolve("postgres");
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(pgData))
                .forEach(p -> tree.addAll(ProcessMemory.tree(p.pid())));
        return new Memory(ProcessMemory.of(List.of(pid)), ProcessMemory.of(tree), tree.size(), used, total);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The app's connect flow, with a "browser" that follows the fake's consent redirect to the loopback port. */
    private static void connect(BackendClient client, URI fakeAuthUrl) {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        new GmailConnectFlow(client, fakeAuthUrl).connect(uri -> browser.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding()), Duration.ofSeconds(60), r -> { });
    }

    /** The service's JSON routes as the bench user. */
    private record Api(URI base, HttpClient http) {
        Api(URI base) {
            this(base, HttpClient.newHttpClient());
        }

        JsonNode call(String method, String path, JsonNode body, int expected) throws IOException,
                InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Authorization", "Bearer " + ServiceProcess.SECRET).header("X-Donna-User", USER)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString()));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IOException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        }
    }
}
