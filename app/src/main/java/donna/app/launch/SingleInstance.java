package donna.app.launch;

import donna.app.common.OwnerOnlyFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DONNA per user. The first launch holds a lock on {@code <data>/instance.lock} (the OS drops it when the
 * process dies, so a crash never leaves a stale claim) and listens on a loopback port written, with a random
 * token, to the owner-only {@code <data>/instance}. A later launch finds the lock taken, sends the token and
 * "activate" to that port, and exits: the first one brings its window forward.
 */
public final class SingleInstance implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SingleInstance.class);
    static final String LOCK_FILE = "instance.lock";
    static final String ADDRESS_FILE = "instance";
    private static final String ACTIVATE = "activate";
    private static final int READ_TIMEOUT_MS = 2_000;
    /** The longest request: the token (48 hex digits), a space, "activate" and the line end, with room to spare. */
    static final int MAX_LINE_BYTES = 256;
    /** How long one request may take in all, however its bytes trickle in. */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(2);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ServerSocket server;
    private final String token;
    private final Thread acceptor;
    private Runnable onActivate; // guarded by this
    private boolean activationPending; // guarded by this: asked before anyone listened

    private SingleInstance(FileChannel lockChannel, FileLock lock, ServerSocket server, String token) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.server = server;
        this.token = token;
        this.acceptor = Thread.ofPlatform().daemon().name("donna-single-instance").start(this::serve);
    }

    /**
     * Claims the data folder for this process, or hands over to the DONNA that holds it.
     *
     * @param wait how long to wait for a running DONNA that is still starting to answer
     * @return this process's claim, or empty when a running DONNA was asked to come forward (then exit)
     * @throws IllegalStateException when another DONNA holds the folder but does not answer
     */
    public static Optional<SingleInstance> claimOrActivate(Path dataDir, Duration wait) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock != null) {
                return Optional.of(listen(dataDir, channel, lock));
            }
            channel.close();
            activateRunning(dataDir, wait);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot claim the data folder " + dataDir, e);
        }
    }

    /**
     * Runs on the listener's thread when a later launch asks (it should only hand over, e.g. to the UI thread: the
     * asking launch waits for it); an ask that came before this is replayed now.
     */
    public void onActivate(Runnable action) {
        boolean replay;
        synchronized (this) {
            onActivate = action;
            replay = activationPending;
            activationPending = false;
        }
        if (replay) {
            action.run();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(Duration.ofSeconds(2));
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.debug("Closing the single-instance claim: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM: another claim on the same folder (tests run two "launches")
        }
    }

    private static SingleInstance listen(Path dataDir, FileChannel channel, FileLock lock) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        new OwnerOnlyFile(dataDir.resolve(ADDRESS_FILE)).write(server.getLocalPort() + " " + token);
        return new SingleInstance(channel, lock, server, token);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                String line = readLine(client, Instant.now().plus(REQUEST_DEADLINE));
                boolean valid = line != null && tokenMatches(line, token + " " + ACTIVATE);
                // Handled before answering: once the later launch reads "ok", the ask is either done or pending.
                if (valid) {
                    log.info("Another launch asked this DONNA to come forward");
                    activate();
                } else {
                    log.warn("Ignored a request on the single-instance port without the right token");
                }
                client.getOutputStream().write((valid ? "ok\n" : "denied\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.debug("Single-instance request failed: {}", e.toString());
                }
            }
        }
    }

    /**
     * One line of at most {@link #MAX_LINE_BYTES}, read before {@code deadline}; null when the peer sends more,
     * stops early or is too slow. Anyone on the machine can connect here: a request that never ends must not hold
     * the listener (it serves one request at a time) or fill its memory.
     */
    static String readLine(Socket client, Instant deadline) throws IOException {
        java.io.InputStream in = client.getInputStream();
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        while (line.size() < MAX_LINE_BYTES) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return null;
            }
            client.setSoTimeout((int) Math.min(left, READ_TIMEOUT_MS));
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketTimeoutException e) {
                return null;
            }
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    private void activate() {
        Runnable action;
        synchronized (this) {
            action = onActivate;
            activationPending = action == null;
        }
        if (action != null) {
            action.run();
        }
    }

    /** The running one may have taken the lock but not yet written its address: retry until {@code wait} ends. */
    private static void activateRunning(Path dataDir, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        IOException last = null;
        do {
            try {
                sendActivate(dataDir);
                return;
            } catch (IOException e) {
                last = e;
                pause();
            }
        } while (Instant.now().isBefore(deadline));
        throw new IllegalStateException("DONNA is already running but did not answer (" + last.getMessage()
                + "). If it is stuck, end it in your task manager and start DONNA again.");
    }

    private static void sendActivate(Path dataDir) throws IOException {
        String[] address = new OwnerOnlyFile(dataDir.resolve(ADDRESS_FILE)).read()
                .orElseThrow(() -> new IOException("no address written yet")).split(" ");
        if (address.length != 2) {
            throw new IOException("unreadable address file");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(address[0])),
                    READ_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write((address[1] + " " + ACTIVATE + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = readLine(socket, Instant.now().plus(REQUEST_DEADLINE));
            if (!"ok".equals(answer)) {
                throw new IOException("the running DONNA answered " + answer);
            }
        } catch (NumberFormatException e) {
            throw new IOException("unreadable address file", e);
        }
    }

    private static boolean tokenMatches(String line, String expected) {
        return MessageDigest.isEqual(line.strip().getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Between retries while a running DONNA starts up (the launcher's main thread; nothing else waits on it). */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
