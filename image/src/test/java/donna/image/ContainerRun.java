package donna.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One process of the image, started as a container runtime would start it, without one: its own root folder
 * (chroot), a fresh PID namespace with /proc mounted (the JVM and glibc read it), only the image's environment
 * plus what the test adds, and the image's user. As root (or through a password-less sudo, as on CI runners) that
 * is the image's non-root user 10001; otherwise (a developer's machine) the process runs as root of a user
 * namespace mapped to the caller.
 */
final class ContainerRun implements AutoCloseable {
    static final boolean ROOT = uid() == 0;
    /** Not root, but allowed to become it without a password (a CI runner): then the check is as strict as root's. */
    static final boolean SUDO = !ROOT && canSudo();

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    /** Put after the last line, so a wait for a line that will never come ends when the process does. */
    private static final String END = "\u0000end";

    private ContainerRun(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("image-output").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output closed: " + e.getMessage() + ")");
            }
            lines.add(END);
        });
    }

    static ContainerRun start(ImageLayout image, List<String> command, Map<String, String> extraEnv)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : image.env()) {
            int eq = pair.indexOf('=');
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        env.putAll(extraEnv);
        List<String> argv = new ArrayList<>();
        if (!ROOT && SUDO) {
            // sudo resets the environment: env -i sets exactly the container's.
            argv.addAll(List.of(tool("sudo"), "-n", tool("env"), "-i"));
            env.forEach((k, v) -> argv.add(k + "=" + v));
        }
        argv.add(tool("unshare"));
        if (!ROOT && !SUDO) {
            argv.add("--user");
            argv.add("--map-root-user");
        }
        // In its own mount namespace the root folder is bind-mounted onto itself, so that inside, "/" is a mount
        // point as in a container (the JVM looks its file stores up in /proc/self/mounts); /proc is fresh, and /dev
        // is the host's, as runtimes provide one (without /dev/urandom the JVM's random numbers take a minute).
        String root = image.root().toString();
        String mount = tool("mount");
        String user = ROOT || SUDO ? "--userspec=" + image.config().path("User").asText() + " " : "";
        argv.addAll(List.of("--mount", "--pid", "--fork", "--kill-child=SIGTERM", tool("sh"), "-c",
                mount + " --bind \"$0\" \"$0\" && " + mount + " -t proc proc \"$0/proc\" && " + tool("mkdir") + " -p \"$0/dev\" && "
                        + mount + " --rbind /dev \"$0/dev\" && exec " + tool("chroot")
                        + " " + user + "\"$0\" \"$@\"", root));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().clear(); // nothing of the host's environment reaches the container
        builder.environment().putAll(env);
        return new ContainerRun(builder.start());
    }

    /** Reads the output until a line contains {@code text}; fails with everything seen when it does not come. */
    String awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new AssertionError("no line with \"" + text + "\" within " + timeout + "; output:\n"
                                + String.join("\n", seen) + (line == null ? "" : "\n(ended)"));
            }
            seen.add(line);
            if (line.contains(text)) {
                return line;
            }
        }
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout);
        }
        return process.exitValue();
    }

    /** All output so far, once the process has ended. */
    String output() {
        lines.drainTo(seen);
        seen.remove(END);
        return String.join("\n", seen);
    }

    /**
     * SIGTERM to everything started for this run, as `docker stop` sends it, then SIGKILL to what is left after
     * 30 s. Each process is signalled itself: the image's process runs as another user (which clears the parent-death
     * signal unshare would send), and it is the first process of its PID namespace, so it outlives unshare.
     */
    /** This run's processes now: unshare and everything under it, the image's own process among them. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> all = processes();
        signal(all, false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // still running: killed below
            }
        }
        signal(all.stream().filter(ProcessHandle::isAlive).toList(), true);
    }

    /** Our own processes directly; one of another user's (root's sudo, the image's user) through sudo when we may. */
    private static void signal(List<ProcessHandle> processes, boolean kill) throws InterruptedException {
        for (ProcessHandle p : processes) {
            boolean sent = kill ? p.destroyForcibly() : p.destroy();
            if (!sent && p.isAlive() && SUDO) {
                try {
                    new ProcessBuilder(tool("sudo"), "-n", tool("kill"), kill ? "-KILL" : "-TERM",
                            Long.toString(p.pid())).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
                } catch (IOException e) {
                    // nothing more to try: the run's processes end with the CI machine
                }
            }
        }
    }

    private static boolean canSudo() {
        try {
            Process sudo = new ProcessBuilder(tool("sudo"), "-n", "true").redirectErrorStream(true).start();
            sudo.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return sudo.waitFor(10, TimeUnit.SECONDS) && sudo.exitValue() == 0;
        } catch (IOException | IllegalStateException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new IllegalStateException("cannot tell who runs the check", e);
        }
    }

    private static String tool(String name) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        throw new IllegalStateException(name + " (util-linux / coreutils) is needed to run the image's check");
    }
}
