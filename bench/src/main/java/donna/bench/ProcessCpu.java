package donna.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time a process (and optionally its descendants) has used, from /proc (Linux only, as this bench is). */
final class ProcessCpu {
    /** USER_HZ: /proc/<pid>/stat counts in clock ticks of 10 ms on every Linux we run on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    static long ofProcess(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between listing and reading
        }
    }

    static long ofDescendants(ProcessHandle parent, String commandNamePrefix) {
        try (Stream<ProcessHandle> all = parent.descendants()) {
            return all.filter(p -> p.info().command()
                            .map(c -> Path.of(c).getFileName().toString().startsWith(commandNamePrefix)).orElse(false))
                    .mapToLong(p -> ofProcess(p.pid())).sum();
        }
    }
}
