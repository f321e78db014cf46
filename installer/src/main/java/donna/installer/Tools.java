package donna.installer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;

/** Runs the JDK's tools in this JVM, and other programs as processes; a failure stops the build with their output. */
final class Tools {
    private Tools() {}

    /** jdeps, jlink: in-process. Returns what the tool printed. */
    static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is missing: build with a full JDK 25"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException(tool + " failed (exit " + exit + "):\n" + out + err);
        }
        return out.toString();
    }

    /** A program in its own process (jpackage, so dpkg-deb sees our environment; the app's training run). */
    static String exec(List<String> command, Map<String, String> env, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + "):\n"
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.getFirst(), e);
        }
    }

    /** The JDK tool's executable next to this JVM's java. */
    static String jdkCommand(String tool) {
        boolean windows = TargetOs.current() == TargetOs.WINDOWS;
        return Path.of(System.getProperty("java.home"), "bin", windows ? tool + ".exe" : tool).toString();
    }

    /** Whether a program is on the PATH. */
    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
