package donna.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Start-up of the desktop app, packaged (jlink runtime + AOT cache, the installed launcher or the app-image) and
 * plain ({@code ./donna}: the JDK and the jars of the build) side by side: time to the first frame over several
 * {@code --smoke} starts (median), memory (RSS, peak, PSS) of the app and of its embedded PostgreSQL once the
 * bundled service is up and idle, and the installed size. Each smoke run starts on a fresh data folder; each memory
 * run starts the app on a fresh folder (PostgreSQL's initdb and the migrations, as a first start after installing)
 * and then once more on the same folder (as every later start).
 *
 * <p>Usage: {@code ./donna bench startup [--runs 5] [--memory-runs 3] [--idle-seconds 10] [--launcher PATH[,PATH...]]
 * [--mode keyed|demo] [--plain yes|no]} ({@code --plain no} leaves out the {@code ./donna} comparison; {@code --mode
 * demo} runs the app without an OpenAI key, with the fakes inside it). Several launchers (two builds' app-images,
 * say) are measured side by side, their runs taking turns.
 */
public final class StartupBench {
    private static final long FIRST_FRAME_TARGET_MS = 500;
    private static final double IDLE_RSS_TARGET_MB = 200;
    /**
     * The app as a person with an OpenAI key runs it, not demo mode (which runs the stand-in OpenAI and Google
     * inside the app). Nothing calls OpenAI while the app idles; should anything try, the discard port refuses it.
     */
    private static final Map<String, String> KEYED = Map.of("OPENAI_API_KEY", "sk-startup-bench-not-a-key",
            "OPENAI_BASE_URL", "http://127.0.0.1:9");

    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int memoryRuns = Integer.parseInt(options.getOrDefault("memory-runs", "3"));
        Duration idle = Duration.ofSeconds(Long.parseLong(options.getOrDefault("idle-seconds", "10")));
        List<Path> launchers = Stream.of(options.getOrDefault("launcher", defaultLauncher().toString()).split(","))
                .map(Path::of).toList();
        Map<String, String> env = "demo".equals(options.get("mode")) ? Map.of() : KEYED;
        List<AppLaunch> launches = new ArrayList<>();
        for (int i = 0; i < launchers.size(); i++) {
            String name = launchers.size() == 1 ? "packaged" : "packaged" + (i + 1);
            launches.add(new AppLaunch(name, List.of(launchers.get(i).toString()), env));
        }
        if (!"no".equals(options.get("plain"))) {
            launches.add(new AppLaunch("./donna", List.of("./donna"), env));
        }

        Path work = Files.createTempDirectory("donna-startup-bench");
        try (VirtualDisplay display = VirtualDisplay.open()) {
            System.out.printf(Locale.ROOT, "startup bench: %d smoke runs and %d memory runs each, %s, display %s, "
                    + "%d cores, load average %s at start%n", runs, memoryRuns,
                    env.isEmpty() ? "demo mode (no OpenAI key)" : "with an OpenAI key (not a real one)", display.name(),
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            for (int i = 0; i < launchers.size(); i++) {
                System.out.println(launches.get(i).name() + " = " + launchers.get(i));
            }

            System.out.println("\nfirst frame (process start to the first frame after the window is shown; wall = "
                    + "launch to the line read by the bench; CPU = the app's CPU time by its first frame; the "
                    + "variants take turns, so the machine's load falls on all alike):");
            Map<AppLaunch, List<AppLaunch.Smoke>> smokes = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                for (AppLaunch launch : launches) {
                    Path data = Files.createDirectories(work.resolve(launch.dirName() + "-smoke-" + i));
                    smokes.computeIfAbsent(launch, l -> new ArrayList<>()).add(launch.smoke(data, display.name()));
                }
            }
            smokes.forEach((launch, all) -> System.out.printf(Locale.ROOT,
                    "  %-9s median %5.0f ms (wall %5.0f ms, CPU %5.0f ms)   runs: %s%n", launch.name(),
                    ChatBench.median(all, AppLaunch.Smoke::selfMs), ChatBench.median(all, AppLaunch.Smoke::wallMs),
                    ChatBench.median(all, AppLaunch.Smoke::cpuMs), all.stream().map(s -> s.selfMs() + "").toList()));

            System.out.printf(Locale.ROOT, "%nmemory, %d s after the bundled service answered (MB; app = the JVM, "
                    + "postgres = the postmaster and its processes; peak = sum of each process's VmHWM):%n",
                    idle.toSeconds());
            System.out.println("            service up   app RSS   app PSS   postgres RSS   postgres PSS   total RSS   "
                    + "total PSS   peak");
            // Each memory run starts the app twice on one folder: first as after installing (initdb, migrations),
            // then again, as every later day does.
            Map<AppLaunch, List<AppLaunch.Memory>> firsts = new LinkedHashMap<>();
            Map<AppLaunch, List<AppLaunch.Memory>> restarts = new LinkedHashMap<>();
            for (int i = 0; i < memoryRuns; i++) {
                for (AppLaunch launch : launches) {
                    Path data = Files.createDirectories(work.resolve(launch.dirName() + "-memory-" + i));
                    firsts.computeIfAbsent(launch, l -> new ArrayList<>())
                            .add(launch.serviceUp(data, display.name(), idle));
                    restarts.computeIfAbsent(launch, l -> new ArrayList<>())
                            .add(launch.serviceUp(data, display.name(), idle));
                }
            }
            System.out.println("  first start (fresh data folder: initdb, migrations):");
            firsts.forEach(StartupBench::printMemory);
            System.out.println("  restart (the same folder again: every later start):");
            restarts.forEach(StartupBench::printMemory);

            System.out.println();
            printSizes(launchers.getFirst());
            AppLaunch first = launches.getFirst();
            double frame = ChatBench.median(smokes.getOrDefault(first, List.of()), AppLaunch.Smoke::selfMs);
            System.out.printf(Locale.ROOT, "%ntargets (%s): first frame <= %d ms: %s (%.0f ms)%n", first.name(),
                    FIRST_FRAME_TARGET_MS, frame <= FIRST_FRAME_TARGET_MS ? "met" : "NOT met", frame);
            if (memoryRuns > 0) {
                printIdleTarget("restart", restarts.get(first));
                printIdleTarget("first start", firsts.get(first));
            }
        } finally {
            deleteTree(work); // every memory run left a PostgreSQL data folder
        }
    }

    private static void printMemory(AppLaunch launch, List<AppLaunch.Memory> all) {
        System.out.printf(Locale.ROOT, "  %-9s %8.1f s %9.0f %9.0f %14.0f %14.0f %11.0f %11.0f %6.0f%n",
                launch.name(), ChatBench.median(all, m -> m.serviceMs() / 1000.0),
                ChatBench.median(all, m -> m.app().rssMb()), ChatBench.median(all, m -> m.app().pssMb()),
                ChatBench.median(all, m -> m.postgres().rssMb()), ChatBench.median(all, m -> m.postgres().pssMb()),
                ChatBench.median(all, m -> m.total().rssMb()), ChatBench.median(all, m -> m.total().pssMb()),
                ChatBench.median(all, m -> m.total().hwmMb()));
    }

    /** The app's own RSS, and the app with PostgreSQL (RSS summed over processes, and PSS, which counts shared pages once). */
    private static void printIdleTarget(String which, List<AppLaunch.Memory> all) {
        double app = ChatBench.median(all, m -> m.app().rssMb());
        double total = ChatBench.median(all, m -> m.total().rssMb());
        double pss = ChatBench.median(all, m -> m.total().pssMb());
        System.out.printf(Locale.ROOT, "  idle RSS <= %.0f MB, %s: app %s (%.0f MB); app + PostgreSQL %s (RSS summed "
                + "%.0f MB, PSS %.0f MB)%n", IDLE_RSS_TARGET_MB, which, verdict(app), app, verdict(total), total, pss);
    }

    private static String verdict(double mb) {
        return mb <= IDLE_RSS_TARGET_MB ? "met" : "NOT met";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The installed app when there is one, else the app-image ./donna package left. */
    private static Path defaultLauncher() {
        Path installed = Path.of("/opt/donna/bin/DONNA");
        return Files.isExecutable(installed) ? installed
                : Path.of("installer/target/installer/image/DONNA/bin/DONNA");
    }

    private static void printSizes(Path launcher) throws IOException {
        Path root = launcher.toAbsolutePath().getParent().getParent();
        Path cache = root.resolve("lib").resolve("app").resolve("donna.aot");
        System.out.printf(Locale.ROOT, "installed size: %s %.0f MB (runtime %.0f MB, app jars and AOT cache %.0f MB, "
                + "of which the cache %.0f MB)%n", root, mb(size(root)), mb(size(root.resolve("lib/runtime"))),
                mb(size(root.resolve("lib/app"))), mb(size(cache)));
        Path packages = Path.of("installer/target/installer/packages");
        if (Files.isDirectory(packages)) {
            try (Stream<Path> files = Files.list(packages)) {
                for (Path p : files.sorted().toList()) {
                    System.out.printf(Locale.ROOT, "package: %s %.0f MB%n", p, mb(Files.size(p)));
                }
            }
        }
    }

    private static long size(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double mb(long bytes) {
        return bytes / 1_048_576.0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
