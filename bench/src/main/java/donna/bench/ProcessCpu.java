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
        return ticks(pid, false) * NANOS_PER_TICK;
    }

    /** A process and its children that ended and were waited for (the bench and each finished wrk run). */
    static long withEndedChildren(long pid) {
        return ticks(pid, true) * NANOS_PER_TICK;
    }

    private static long ticks(long pid, boolean endedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
            return endedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between listing and reading
        }
    }

    /** A process and everything it started (a PostgreSQL server: the postmaster and its backends). */
    static long ofTree(long pid) {
        return ProcessHandle.of(pid).map(root -> {
            try (Stream<ProcessHandle> children = root.descendants()) {
                return ofProcess(pid) + children.mapToLong(p -> ofProcess(p.pid())).sum();
            }
        }).orElse(0L);
    }

    /** The postmaster's pid from its data directory (pg_ctl detaches it from whoever started it). */
    static long postmasterPid(Path pgData) {
        try {
            return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).getFirst().trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no running PostgreSQL in " + pgData, e);
        }
    }
}
