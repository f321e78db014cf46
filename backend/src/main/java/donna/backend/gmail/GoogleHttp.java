package donna.backend.gmail;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import java.io.IOException;
import java.time.Duration;

/**
 * What every call to Google shares: one transport (the JDK's HttpURLConnection), one JSON factory, the timeouts.
 * HttpURLConnection may silently repeat a POST on a dropped keep-alive connection, which would send a mail twice;
 * it cannot here, because this transport writes every body in streaming mode, where a repeat is impossible.
 */
public final class GoogleHttp implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Google's client logs a refused refresh at SEVERE, with a stack trace, through java.util.logging. The service
     * handles that case itself (needs_reconnect, logged once through slf4j), so that logger is silenced. Held here:
     * java.util.logging forgets settings of loggers nobody references.
     */
    private static final java.util.logging.Logger CREDENTIAL_LOG = silenced(
            "com.google.api.client.auth.oauth2.Credential");

    private final HttpTransport transport = new NetHttpTransport();
    private final JsonFactory json = GsonFactory.getDefaultInstance();

    HttpTransport transport() {
        return transport;
    }

    JsonFactory json() {
        return json;
    }

    /** Timeouts on every request, then {@code inner} (the credential). */
    HttpRequestInitializer withTimeouts(HttpRequestInitializer inner) {
        return request -> {
            inner.initialize(request);
            request.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            request.setReadTimeout((int) READ_TIMEOUT.toMillis());
        };
    }

    private static java.util.logging.Logger silenced(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.OFF);
        return logger;
    }

    @Override
    public void close() {
        try {
            transport.shutdown();
        } catch (IOException e) {
            // nothing is left to release on the JDK transport
        }
    }
}
