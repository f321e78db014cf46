package donna.core.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The redirect end of a desktop OAuth flow (RFC 8252): a one-shot HTTP server on the loopback interface only, which
 * waits for the browser to come back with {@code code} and {@code state}. Shared by the Clerk sign-in and the Gmail
 * connect flows.
 *
 * <p>Written on the JDK's server rather than google-oauth-client's {@code LocalServerReceiver} because that one binds
 * every interface, ignores {@code state} and never times out (see stack.md). A redirect whose {@code state} does not
 * match is answered 400 and ignored: it may be a forged link, and the real redirect can still arrive.
 */
public final class LoopbackReceiver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoopbackReceiver.class);

    private final HttpServer server;
    private final String path;
    private final String expectedState;
    private final String successTitle;
    private final CompletableFuture<AuthorizationCode> result = new CompletableFuture<>();

    private LoopbackReceiver(HttpServer server, String path, String expectedState, String successTitle) {
        this.server = server;
        this.path = path;
        this.expectedState = expectedState;
        this.successTitle = successTitle;
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @param port          0 for any free port (Google accepts any loopback port), or the fixed port registered
     *                      with the provider (Clerk)
     * @param path          the callback path, e.g. {@code /callback}
     * @param expectedState the {@code state} sent in the authorization request
     * @param successTitle  what the browser tab says once it worked, e.g. "Gmail is connected"
     */
    public static LoopbackReceiver start(int port, String path, String expectedState, String successTitle) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("The callback path must start with /: " + path);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            return new LoopbackReceiver(server, path, expectedState, successTitle);
        } catch (IOException e) {
            throw new OAuthFlowException(OAuthFlowException.Reason.FAILED, port == 0
                    ? "Could not open a local port for the sign-in redirect: " + e.getMessage()
                    : "Port " + port + " on 127.0.0.1 is busy; close what uses it and try again", e);
        }
    }

    /** The redirect URI to put in the authorization request. */
    public URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /**
     * Blocks until the browser comes back, the user refuses, {@link #cancel()} is called, or the timeout passes.
     *
     * @throws OAuthFlowException with reason TIMEOUT, DENIED, CANCELLED or FAILED and a message a person can read
     */
    public AuthorizationCode await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OAuthFlowException(OAuthFlowException.Reason.TIMEOUT,
                    "No answer from the browser within " + minutes(timeout) + "; try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthFlowException(OAuthFlowException.Reason.CANCELLED, "Cancelled", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OAuthFlowException flow) {
                throw flow;
            }
            throw new OAuthFlowException(OAuthFlowException.Reason.FAILED, String.valueOf(e.getCause()), e);
        } finally {
            close();
        }
    }

    /** Ends a pending {@link #await} (the user closed the dialog). */
    public void cancel() {
        result.completeExceptionally(new OAuthFlowException(OAuthFlowException.Reason.CANCELLED, "Cancelled", null));
    }

    @Override
    public void close() {
        // A zero delay: the success page has been written and flushed before the future completes.
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            if (!"GET".equals(exchange.getRequestMethod()) || !path.equals(uri.getPath())) {
                respond(exchange, 404, "Not found", "This address only receives DONNA's sign-in redirect.");
                return;
            }
            Map<String, String> query = query(uri.getRawQuery());
            if (!constantTimeEquals(query.get("state"), expectedState)) {
                log.warn("Ignored a loopback redirect whose state does not match this sign-in");
                respond(exchange, 400, "Link not recognised",
                        "This sign-in link does not belong to the sign-in DONNA is waiting for. Start again from DONNA.");
                return;
            }
            String error = query.get("error");
            if (error != null) {
                respond(exchange, 200, "Not connected", "Permission was not given. You can close this tab.");
                result.completeExceptionally(new OAuthFlowException(OAuthFlowException.Reason.DENIED,
                        "access_denied".equals(error) ? "Permission was not given in the browser"
                                : "The provider refused: " + error, null));
                return;
            }
            String code = query.get("code");
            if (code == null || code.isBlank()) {
                respond(exchange, 400, "Incomplete answer", "The provider sent no code. Start again from DONNA.");
                return;
            }
            respond(exchange, 200, successTitle, "You can close this tab and go back to DONNA.");
            result.complete(new AuthorizationCode(code, redirectUri()));
        }
    }

    private static void respond(HttpExchange exchange, int status, String title, String text) throws IOException {
        String html = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>DONNA</title>
                <style>body{font-family:system-ui,sans-serif;margin:15vh auto;max-width:32em;text-align:center;color:#24292f}</style>
                </head><body><h1>%s</h1><p>%s</p></body></html>""".formatted(escape(title), escape(text));
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static boolean constantTimeEquals(String actual, String expected) {
        return actual != null && MessageDigest.isEqual(actual.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m >= 1 ? m + (m == 1 ? " minute" : " minutes") : d.toSeconds() + " seconds";
    }
}
