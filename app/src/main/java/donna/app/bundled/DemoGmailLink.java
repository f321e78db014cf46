package donna.app.bundled;

import donna.core.api.BackendClient;
import donna.core.mail.GmailStatus;
import donna.core.mail.connect.GmailConnectFlow;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode's Gmail is connected from the start: the same consent round trip a person makes (consent URL, the
 * loopback callback with the code, the service's code exchange), with the demo's fake Google agreeing at once and
 * an HTTP client in place of the browser. So a newcomer's first "summarise my unread mail" reads the demo inbox.
 */
public final class DemoGmailLink {
    private static final Logger log = LoggerFactory.getLogger(DemoGmailLink.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private DemoGmailLink() {}

    /**
     * Links the demo inbox unless it is linked already; blocking (well under a second on loopback).
     *
     * @param demoAuthUrl the demo's fake Google consent page: the consent URL must be on it
     */
    public static GmailStatus connect(BackendClient client, URI demoAuthUrl) {
        GmailStatus status = client.gmailStatus();
        if (status.connected()) {
            return status;
        }
        GmailStatus linked = new GmailConnectFlow(client, demoAuthUrl).connect(
                consent -> Thread.ofVirtual().name("demo-gmail-consent").start(() -> agree(consent)),
                TIMEOUT, receiver -> { });
        log.info("Demo mode: the demo inbox is connected as {}", linked.email());
        return linked;
    }

    /** The fake's consent page redirects to the app's loopback callback at once; following it delivers the code. */
    private static void agree(URI consent) {
        if (!"127.0.0.1".equals(consent.getHost()) && !"localhost".equals(consent.getHost())) {
            // Only ever the demo's own loopback fake: never a real consent page.
            log.warn("Demo Gmail link refused a consent page off this machine");
            return;
        }
        try {
            // java.net's own client (the app keeps the JDK HttpClient out of its memory); it follows the
            // http-to-http redirect to the callback by itself.
            HttpURLConnection http = (HttpURLConnection) consent.toURL().openConnection();
            http.setConnectTimeout((int) TIMEOUT.toMillis());
            http.setReadTimeout((int) TIMEOUT.toMillis());
            try (InputStream body = http.getInputStream()) {
                body.readAllBytes();
            } finally {
                http.disconnect();
            }
        } catch (IOException e) {
            log.warn("Demo Gmail consent failed: {}", e.toString());
        }
    }
}
