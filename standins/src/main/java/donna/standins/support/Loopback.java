package donna.standins.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Creates the fakes' HTTP servers: always 127.0.0.1, a free port unless one is asked for, virtual threads. */
public final class Loopback {
    static {
        // Streaming fakes write many small chunks; Nagle + delayed ACK would add ~40 ms stalls between them.
        // The JDK server reads this property once, when its first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private Loopback() {}

    /** For a fake's {@code main}: blocks until the process is stopped (SIGTERM, Ctrl-C), then runs {@code stop}. */
    public static void runUntilStopped(Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            stop.run();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** A started server on 127.0.0.1:{@code port} (0 = any free port); {@link Server#close()} stops it. */
    public static Server start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            // One virtual thread per exchange: fakes sleep to simulate latency without tying up platform threads.
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            return new Server(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
    }

    /** A server and its executor, stopped together. Contexts are added before {@link #begin()}. */
    public record Server(HttpServer http, ExecutorService executor) implements AutoCloseable {
        public Server begin() {
            http.start();
            return this;
        }

        public int port() {
            return http.getAddress().getPort();
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + port();
        }

        @Override
        public void close() {
            http.stop(0);
            // Interrupts handlers still sleeping on a scripted latency.
            executor.shutdownNow();
        }
    }
}
