package donna.core.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server below HTTP, for what {@link StubServer} cannot do: it answers its first requests with the
 * complete answers it was given (keeping the connection), and every later one with {@code prefix} (nothing, or the
 * start of an answer), then either drops the connection or goes silent, holding it open until closed. Each request
 * line it saw is queued for the test to wait on.
 */
final class RawServer implements AutoCloseable {
    enum Then { DROP, SILENCE }

    private final ServerSocket server;
    private final String prefix;
    private final Then then;
    private final List<String> answeredFirst;
    private final AtomicInteger served = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

    RawServer(String prefix, Then then, String... answeredFirst) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.prefix = prefix;
        this.then = then;
        this.answeredFirst = List.of(answeredFirst);
        Thread.ofVirtual().start(this::accept);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The next request line ("POST /api/gmail/send HTTP/1.1"), or null when none came within 10 s. */
    String awaitRequest() throws InterruptedException {
        return requests.poll(10, TimeUnit.SECONDS);
    }

    /** Request lines seen so far and not yet taken by {@link #awaitRequest()}. */
    int pending() {
        return requests.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            while (true) {
                String head = readHead(socket.getInputStream());
                if (head.isEmpty()) {
                    socket.close(); // the client closed the connection
                    return;
                }
                // The whole body too: a close with unread data would be a reset, which may lose what is written.
                socket.getInputStream().readNBytes(contentLength(head));
                requests.add(head.lines().findFirst().orElse(""));
                int n = served.getAndIncrement();
                String answer = n < answeredFirst.size() ? answeredFirst.get(n) : prefix;
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                if (n >= answeredFirst.size()) {
                    if (then == Then.DROP) {
                        socket.close();
                    }
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away first
        }
    }

    private static int contentLength(String head) {
        return head.lines().filter(l -> l.regionMatches(true, 0, "Content-Length:", 0, 15))
                .mapToInt(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
    }

    /** Up to the blank line after the headers (the body, if any, is left unread). */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
