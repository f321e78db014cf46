package donna.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory of a set of processes, from /proc (Linux): VmRSS (resident now), VmHWM (the most it was resident) and
 * Pss (resident, shared pages split between their users: PostgreSQL's backends share its buffers, so summing their
 * RSS counts those pages once per backend, and summing Pss counts them once).
 *
 * @param rssKb resident now, summed
 * @param hwmKb each process's peak, summed (an upper bound of the peak of the whole: peaks need not coincide)
 * @param pssKb proportional resident now, summed
 */
record ProcessMemory(long rssKb, long hwmKb, long pssKb) {

    static ProcessMemory of(List<Long> pids) {
        long rss = 0;
        long hwm = 0;
        long pss = 0;
        for (long pid : pids) {
            rss += field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
            hwm += field(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
            pss += field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
        }
        return new ProcessMemory(rss, hwm, pss);
    }

    /** A process and all it started that is still running. */
    static List<Long> tree(long pid) {
        return ProcessHandle.of(pid).map(root -> java.util.stream.Stream.concat(java.util.stream.Stream.of(root),
                root.descendants()).map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    double rssMb() {
        return rssKb / 1024.0;
    }

    double hwmMb() {
        return hwmKb / 1024.0;
    }

    double pssMb() {
        return pssKb / 1024.0;
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).strip().split("\\s+")[0]);
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between listing and reading
        }
    }
}
