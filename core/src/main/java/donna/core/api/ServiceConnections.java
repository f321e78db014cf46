package donna.core.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The OkHttp client {@link ServiceHttp} talks to the companion service with. Built for the memory of an idle app:
 * for an {@code http://} base (the bundled service on 127.0.0.1) it is cleartext only, so OkHttp never builds an
 * {@code SSLContext} and the TLS stack and the trust store are never loaded (the JDK's HttpClient loads both the
 * moment it is built, plus its selector and worker threads). An {@code https://} base (remote mode) keeps OkHttp's
 * usual TLS specs. Building it starts no thread: calls run on the caller's thread.
 */
final class ServiceConnections {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Idle connections are kept for less than the service's own idle timeout (Jetty's 30 s): OkHttp does not probe
     * an idle connection before a GET, so one the service already closed would cost a failed attempt and a retry.
     */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private ServiceConnections() {}

    static OkHttpClient forBase(URI baseUri) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(CONNECT_TIMEOUT)
                // No per-read limit (a reply may think for a while before its first byte): each call has its own
                // total timeout instead (Call.timeout()).
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                // Never repeat a request behind the caller's back: a POST (a mail send) must not go out twice.
                // ServiceHttp retries GETs itself.
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                // Connect on the caller's thread (no racing connect threads), so an interrupt reaches the socket.
                .fastFallback(false)
                .socketFactory(new InterruptibleSockets())
                // One host: a few idle connections are plenty.
                .connectionPool(new ConnectionPool(4, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS));
        if ("http".equalsIgnoreCase(baseUri.getScheme())) {
            b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        return b.build();
    }
}
