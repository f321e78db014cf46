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
 * <p>Usage: {@code ./donna bench chat [--seconds 20] [--warmup 60] [--connections 32] [--runs 3]
 * [--jar a.jar,b.jar]}. With several jars (two builds to compare) each runs as its own service with its own
 * Postgres, and the measured runs alternate between them.
 */
public final class ChatBench {
    private static final int TURNS_PER_CHAT = 10;
    private static final int WARMUP_SLICE_SECONDS = 5;

    private ChatBench() {}

    record Figures(double rps, double p50Ms, double p99Ms, double serviceCpuMsPerRequest,
            double postgresCpuMsPerRequest, long errors) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "60"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        String logLevel = options.getOrDefault("log-level", "INFO");
        List<Path> jars = Arrays.stream(options.getOrDefault("jar", "backend/target/donna-backend.jar").split(","))
                .map(String::strip).map(Path::of).toList();

        List<Target> targets = new ArrayList<>();
        try (FakeOpenAi openAi = FakeOpenAi.start()) {
            System.out.printf(Locale.ROOT, "chat bench: %d connections, %d s measured after %d s warm-up, %d runs, "
                    + "service log level %s, %d cores%n", connections, seconds, warmup, runs, logLevel,
                    Runtime.getRuntime().availableProcessors());
            for (Path jar : jars) {
                Path data = Files.createTempDirectory("donna-bench");
                ServiceProcess service = new ServiceProcess(jar, data, Map.of(
                        "OPENAI_API_KEY", "bench-key", "OPENAI_BASE_URL", openAi.baseUrl().toString(),
                        "RATE_LIMIT_PER_MINUTE", "1000000", "DONNA_LOG_LEVEL", logLevel));
                targets.add(new Target(jar.getFileName().toString(), service,
                        ProcessCpu.postmasterPid(data.resolve("postgres")), new ArrayList<>()));
            }
            // The JIT needs a few thousand turns. Builds warm up in turns of a few seconds each, and measured runs
            // alternate between builds, so noise from the shared machine falls on all of them alike.
            int slice = targets.size() == 1 ? warmup : Math.max(1, Math.min(warmup, WARMUP_SLICE_SECONDS));
            for (int done = 0; done < warmup; done += slice) {
                for (Target target : targets) {
                    load(target.service(), connections, Duration.ofSeconds(Math.min(slice, warmup - done)));
                }
            }
            for (int run = 1; run <= runs; run++) {
                for (Target target : targets) {
                    Figures f = measure(target.service(), target.postmaster(), connections,
                            Duration.ofSeconds(seconds));
                    target.figures().add(f);
                    System.out.printf(Locale.ROOT, "run %d%s: %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  service CPU "
                            + "%.3f ms/req  postgres CPU %.3f ms/req  errors %d%n", run, label(targets, target),
                            f.rps(), f.p50Ms(), f.p99Ms(), f.serviceCpuMsPerRequest(), f.postgresCpuMsPerRequest(),
                            f.errors());
                }
            }
            for (Target target : targets) {
                List<Figures> all = target.figures();
                System.out.printf(Locale.ROOT, "median%s: %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  service CPU %.3f "
                        + "ms/req  postgres CPU %.3f ms/req%n", label(targets, target), median(all, Figures::rps),
                        median(all, Figures::p50Ms), median(all, Figures::p99Ms),
                        median(all, Figures::serviceCpuMsPerRequest), median(all, Figures::postgresCpuMsPerRequest));
            }
        } finally {
            targets.forEach(target -> target.service().close());
        }
    }

    /** One build under test: its service process, its Postgres, and the figures of its runs. */
    private record Target(String name, ServiceProcess service, long postmaster, List<Figures> figures) {}

    private static String label(List<Target> targets, Target target) {
        return targets.size() == 1 ? "" : " [" + target.name() + "]";
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
        return new Figures(n / result.seconds(), Percentiles.of(latencies, 0.50) / 1e6,
                Percentiles.of(latencies, 0.99) / 1e6,
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

    private static double median(List<Figures> figures, java.util.function.ToDoubleFunction<Figures> metric) {
        double[] values = figures.stream().mapToDouble(metric).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
