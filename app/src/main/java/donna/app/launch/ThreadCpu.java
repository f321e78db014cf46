package donna.app.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time of this process's threads by name, the JVM's own included (compiler, GC, class loading of the AOT
 * cache), which the Java thread API does not see. Read from /proc on Linux; elsewhere empty. For the start-up log:
 * the process's CPU by its first frame, and on which threads.
 */
public final class ThreadCpu {
    /** USER_HZ, the unit of /proc's times. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private ThreadCpu() {}

    /** The busiest threads, e.g. "JavaFX Application Thread 310 ms, C1 CompilerThre 120 ms, ..." (names merged). */
    public static String busiest(int count) {
        Map<String, Long> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                read(task.resolve("stat")).ifPresent(t -> byName.merge(t.name(), t.ms(), Long::sum));
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byName.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        return String.join(", ", sorted.stream().limit(count).map(e -> e.getKey() + " " + e.getValue() + " ms")
                .toList());
    }

    private record Busy(String name, long ms) {}

    /** One /proc/self/task/N/stat: "N (name) state ... utime stime ..." (14th and 15th fields). */
    private static Optional<Busy> read(Path stat) {
        try {
            String line = Files.readString(stat);
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String[] after = line.substring(close + 2).split(" ");
            long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
            // Threads numbered alike ("donna-task-3", "C1 CompilerThre0") count as one.
            String name = line.substring(open + 1, close).replaceAll("[-#]?\\d+$", "");
            return Optional.of(new Busy(name, ticks * 1000 / CLOCK_TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the thread ended meanwhile
        }
    }
}
