package donna.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JDK 25 AOT cache (JEP 483/514), made by a training run of the real app: the packaged launcher runs
 * {@code --smoke} (start, first frame, exit) with {@code -XX:AOTCacheOutput}; at exit the JVM assembles the cache of
 * every class it loaded and linked, which later starts read instead of parsing jars. On Linux without a display the
 * run goes through {@code xvfb-run}.
 */
final class AotTraining {
    static final String CACHE_FILE = "donna.aot";

    private AotTraining() {}

    /** @return the cache file, inside the app-image */
    static Path train(Path image, String name, TargetOs os, Path workDir) {
        Path cache = os.appDir(image).resolve(CACHE_FILE);
        LauncherConfig cfg = new LauncherConfig(os.appDir(image).resolve(name + ".cfg"));
        cfg.recordCache();
        try {
            String output = runSmoke(image, name, os, workDir, Map.of());
            System.out.println("  training run: " + smokeLine(output));
        } finally {
            cfg.useCache();
        }
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("The training run made no AOT cache at " + cache);
        }
        return cache;
    }

    /** Starts the packaged app once more and checks the JVM really maps the cache (a stale one is skipped). */
    static String verify(Path image, String name, TargetOs os, Path workDir) {
        Path log = workDir.resolve("aot-check.log");
        String output = runSmoke(image, name, os, workDir,
                Map.of("JAVA_TOOL_OPTIONS", "-Xlog:aot=info:file=" + log));
        try {
            String aot = Files.readString(log);
            if (!aot.contains("Using AOT-linked classes: true")) {
                throw new IllegalStateException("The packaged app does not use its AOT cache:\n" + aot);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("No AOT log from the check run", e);
        }
        return smokeLine(output);
    }

    private static String runSmoke(Path image, String name, TargetOs os, Path workDir, Map<String, String> env) {
        Path data = workDir.resolve("smoke-data");
        deleteTree(data);
        List<String> command = new ArrayList<>();
        if (os == TargetOs.LINUX && System.getenv("DISPLAY") == null) {
            if (!Tools.onPath("xvfb-run")) {
                throw new IllegalStateException("The AOT training run shows the window: set DISPLAY or install "
                        + "xvfb (xvfb-run)");
            }
            command.addAll(List.of("xvfb-run", "-a"));
        }
        command.add(os.launcher(image, name).toString());
        command.add("--smoke");
        Map<String, String> runEnv = new java.util.HashMap<>(env);
        runEnv.put("DONNA_DATA_DIR", data.toString()); // never the builder's own DONNA data
        String output = Tools.exec(command, runEnv, workDir);
        deleteTree(data);
        return output;
    }

    private static String smokeLine(String output) {
        return output.lines().filter(l -> l.startsWith("first-frame-ms=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("The app printed no first frame:\n" + output));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
