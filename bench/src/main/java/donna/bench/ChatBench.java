package donna.bench;

import donna.testkit.openai.FakeOpenAi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load test of POST /api/chat end to end: the shipped service jar in its own process, its embedded PostgreSQL,
 * the testkit's fake OpenAI answering at once (in this process), and {@code connections} clients each sending
 * turns back to back (a new chat every 10 turns, so history reads stay realistic). Prints requests per second,
 * latency percentiles, and CPU per request of the service process and of its PostgreSQL processes.
 *
 * <p>Usage: {@code ./donna bench chat [--seconds 20] [--warmup 10] [--connections 32] [--runs 3]}
 */
public final class ChatBench {
    private static final int TURNS_PER_CHAT = 10;

    private ChatBench() {}

    record Figures(double rps, double p50Ms, double p99Ms, double serviceCpuMsPerRequest,
            double postgresCpuMsPerRequest, long errors) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        String logLevel = options.getOrDefault("log-level", "INFO");
        Path jar = Path.of(options.getOrDefault("jar", "backend/target/donna-backend.jar"));

        Path data = Files.createTempDirectory("donna-bench");
        try (FakeOpenAi openAi = FakeOpenAi.start();
                ServiceProcess service = new ServiceProcess(jar, data, Map.of(
                        "OPENAI_API_KEY", "bench-key", "OPENAI_BASE_URL", openAi.baseUrl().toString(),
                        "RATE_LIMIT_PER_MINUTE", "1000000", "DONNA_LOG_LEVEL", logLevel))) {
            System.out.printf(Locale.ROOT, "chat bench: %d connections, %d s measured after %d s warm-up, %d runs, "
                    + "service log level %s, %d cores%n", connections, seconds, warmup, runs, logLevel,
                    Runtime.getRuntime().availableProcessors());
            long postmaster = ProcessCpu.postmasterPid(data.resolve("postgres"));
            load(service, connections, Duration.ofSeconds(warmup));
            List<Figures> all = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Figures f = measure(service, postmaster, connections, Duration.ofSeconds(seconds));
                all.add(f);
                System.out.printf(Locale.ROOT, "run %d: %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  service CPU %.3f "
                        + "ms/req  postgres CPU %.3f ms/req  errors %d%n", run, f.rps(), f.p50Ms(), f.p99Ms(),
                        f.serviceCpuMsPerRequest(), f.postgresCpuMsPerRequest(), f.errors());
            }
            System.out.printf(Locale.ROOT, "median: %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  service CPU %.3f ms/req  "
                    + "postgres CPU %.3f ms/req%n", median(all, Figures::rps), median(all, Figures::p50Ms),
                    median(all, Figures::p99Ms), median(all, Figures::serviceCpuMsPerRequest),
                    median(all, Figures::postgresCpuMsPerRequest));
        }
    }

    private static Figures measure(ServiceProcess service, long postmaster, int connections, Duration duration)
            throws Exception {
        long serviceCpu = ProcessCpu.ofProcess(service.handle().pid());
        long postgresCpu = ProcessCpu.ofTree(postmaster);
        Result result = load(service, connections, duration);
        double serviceMs = (ProcessCpu.ofProcess(service.handle().pid()) - serviceCpu) / 1e6;
        double postgresMs = (ProcessCpu.ofTree(postmaster) - postgresCpu) / 1e6;
        long[] latencies = result.latencies();
        Arrays.sort(latencies);
        int n = latencies.length;
        return new Figures(n / result.seconds(), percentile(latencies, 0.50), percentile(latencies, 0.99),
                serviceMs / n, postgresMs / n, result.errors());
    }

    record Result(long[] latencies, double seconds, long errors) {}

    /** Every connection sends turns back to back until the time is up. */
    private static Result load(ServiceProcess service, int connections, Duration duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI chat = service.baseUri().resolve("/api/chat");
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<long[]> perThread = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[] samples = new long[200_000];
            int[] count = new int[1];
            perThread.add(samples);
            counts.add(count);
            String user = "bench-" + c;
            threads.add(Thread.ofPlatform().start(() -> {
                int turn = 0;
                String chatId = user + "-" + System.nanoTime();
                while (System.nanoTime() < end && count[0] < samples.length) {
                    if (turn++ % TURNS_PER_CHAT == 0) {
                        chatId = user + "-" + System.nanoTime();
                    }
                    HttpRequest request = HttpRequest.newBuilder(chat)
                            .header("Authorization", "Bearer " + ServiceProcess.SECRET)
                            .header("X-Donna-User", user).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Please summarise turn " + turn
                                    + " of our plan\",\"chat_id\":\"" + chatId + "\"}"))
                            .build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    samples[count[0]++] = System.nanoTime() - t0;
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < perThread.size(); i++) {
            System.arraycopy(perThread.get(i), 0, all, at, counts.get(i)[0]);
            at += counts.get(i)[0];
        }
        return new Result(all, seconds, errors.get());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** The middle value (the upper middle of an even count); NaN for none. */
    static <T> double median(List<T> items, java.util.function.ToDoubleFunction<T> metric) {
        double[] values = items.stream().mapToDouble(metric).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }
}
