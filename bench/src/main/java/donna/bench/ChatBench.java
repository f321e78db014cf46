package donna.bench;

import donna.standins.openai.FakeOpenAi;
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
 * the stand-in OpenAI answering at once (in this process), and {@code connections} clients each sending
 * turns back to back (a new chat every 10 turns, so history reads stay realistic). Prints requests per second,
 * latency percentiles, and CPU per request of the service process and of its PostgreSQL processes.
 *
 * <p>Usage: {@code ./donna bench chat [--seconds 20] [--warmup 60] [--connections 32] [--runs 3]
 * [--jar a.jar,b.jar] [--service-flags "flags of a;flags of b"] [--driver auto|wrk|java]}. The load comes from {@code wrk} when it is installed (it leaves
 * more of the shared cores to the service), else from a Java driver in this process. With several jars (two builds to compare) each runs as its own service with its own
 * Postgres, and the measured runs alternate between them.
 */
public final class ChatBench {
    private static final int TURNS_PER_CHAT = 10;
    private static final int WARMUP_SLICE_SECONDS = 5;

    private ChatBench() {}

    /** One measured run; the bench's own CPU (the load driver and the fake OpenAI) shares the same cores. */
    record Figures(double rps, double p50Ms, double p99Ms, double serviceCpuMsPerRequest,
            double postgresCpuMsPerRequest, double benchCpuMsPerRequest, long errors) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "60"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        String logLevel = options.getOrDefault("log-level", "INFO");
        List<Path> jars = Arrays.stream(options.getOrDefault("jar", "backend/target/donna-backend.jar").split(","))
                .map(String::strip).map(Path::of).toList();
        // JVM flags per jar, ';' between jars: the same jar twice with two garbage collectors, say.
        List<String> flags = Arrays.stream(options.getOrDefault("service-flags", "").split(";", -1))
                .map(String::strip).toList();

        String driverName = options.getOrDefault("driver", "auto");
        WrkDriver wrk = "java".equals(driverName) ? null : WrkDriver.findOnPath();
        if ("wrk".equals(driverName) && wrk == null) {
            throw new IllegalArgumentException("--driver wrk: wrk is not on the PATH (Debian/Ubuntu: apt-get install wrk)");
        }
        Driver driver = wrk == null ? ChatBench::javaLoad
                : (service, n, duration) -> wrk.load(service.baseUri(), ServiceProcess.SECRET, n, duration,
                        TURNS_PER_CHAT);

        List<Target> targets = new ArrayList<>();
        try (FakeOpenAi openAi = FakeOpenAi.start()) {
            System.out.printf(Locale.ROOT, "chat bench: %d connections, %d s measured after %d s warm-up, %d runs, "
                    + "service log level %s, %d cores, load from %s%n", connections, seconds, warmup, runs, logLevel,
                    Runtime.getRuntime().availableProcessors(), wrk == null ? "the Java driver" : wrk);
            for (int i = 0; i < jars.size(); i++) {
                Path jar = jars.get(i);
                String jvmFlags = i < flags.size() ? flags.get(i) : "";
                Path data = Files.createTempDirectory("donna-bench");
                ServiceProcess service = new ServiceProcess(jar, data, Map.of(
                        "OPENAI_API_KEY", "bench-key", "OPENAI_BASE_URL", openAi.baseUrl().toString(),
                        "RATE_LIMIT_PER_MINUTE", "1000000", "DONNA_LOG_LEVEL", logLevel), jvmFlags);
                targets.add(new Target(jar.getFileName() + (jvmFlags.isEmpty() ? "" : " " + jvmFlags), service,
                        ProcessCpu.postmasterPid(data.resolve("postgres")), new ArrayList<>()));
            }
            // The JIT needs a few thousand turns. Builds warm up in turns of a few seconds each, and measured runs
            // alternate between builds, so noise from the shared machine falls on all of them alike.
            int slice = targets.size() == 1 ? warmup : Math.max(1, Math.min(warmup, WARMUP_SLICE_SECONDS));
            for (int done = 0; done < warmup; done += slice) {
                for (Target target : targets) {
                    driver.load(target.service(), connections, Duration.ofSeconds(Math.min(slice, warmup - done)));
                    openAi.forgetRequests();
                }
            }
            for (int run = 1; run <= runs; run++) {
                for (Target target : targets) {
                    Figures f = measure(driver, target.service(), target.postmaster(), connections,
                            Duration.ofSeconds(seconds));
                    target.figures().add(f);
                    openAi.forgetRequests();
                    System.out.printf(Locale.ROOT, "run %d%s: %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  service CPU "
                            + "%.3f ms/req  postgres CPU %.3f ms/req  driver+fake CPU %.3f ms/req  errors %d%n", run,
                            label(targets, target), f.rps(), f.p50Ms(), f.p99Ms(), f.serviceCpuMsPerRequest(),
                            f.postgresCpuMsPerRequest(), f.benchCpuMsPerRequest(), f.errors());
                }
            }
            for (Target target : targets) {
                List<Figures> all = target.figures();
                System.out.printf(Locale.ROOT, "median%s: %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  service CPU %.3f "
                        + "ms/req  postgres CPU %.3f ms/req  driver+fake CPU %.3f ms/req%n", label(targets, target),
                        median(all, Figures::rps), median(all, Figures::p50Ms), median(all, Figures::p99Ms),
                        median(all, Figures::serviceCpuMsPerRequest), median(all, Figures::postgresCpuMsPerRequest),
                        median(all, Figures::benchCpuMsPerRequest));
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

    private static Figures measure(Driver driver, ServiceProcess service, long postmaster, int connections,
            Duration duration) throws Exception {
        long self = ProcessHandle.current().pid();
        long serviceCpu = ProcessCpu.ofProcess(service.handle().pid());
        long postgresCpu = ProcessCpu.ofTree(postmaster);
        long benchCpu = ProcessCpu.withEndedChildren(self);
        Result result = driver.load(service, connections, duration);
        double serviceMs = (ProcessCpu.ofProcess(service.handle().pid()) - serviceCpu) / 1e6;
        double postgresMs = (ProcessCpu.ofTree(postmaster) - postgresCpu) / 1e6;
        double benchMs = (ProcessCpu.withEndedChildren(self) - benchCpu) / 1e6;
        int n = Math.max(1, result.requests());
        return new Figures(result.requests() / result.seconds(), result.p50Ms(), result.p99Ms(), serviceMs / n,
                postgresMs / n, benchMs / n, result.errors());
    }

    /** What one load run measured, whichever driver ran it. */
    record Result(int requests, double seconds, double p50Ms, double p99Ms, long errors) {}

    /** Sends chat turns at the service for a while: the Java driver below, or wrk. */
    interface Driver {
        Result load(ServiceProcess service, int connections, Duration duration) throws Exception;
    }

    /** Every connection sends turns back to back until the time is up. */
    private static Result javaLoad(ServiceProcess service, int connections, Duration duration) throws Exception {
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
        Arrays.sort(all);
        return new Result(total, seconds, percentile(all, 0.50), percentile(all, 0.99), errors.get());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** The middle value (the mean of the two middle ones for an even count); NaN for none. */
    static <T> double median(List<T> items, java.util.function.ToDoubleFunction<T> metric) {
        double[] values = items.stream().mapToDouble(metric).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
