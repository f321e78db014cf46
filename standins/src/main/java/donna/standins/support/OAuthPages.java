package donna.standins.support;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/** What the fake OAuth providers (Clerk, Google) share: PKCE S256, loopback redirect checks, redirects. */
public final class OAuthPages {
    private OAuthPages() {}

    /** The S256 code challenge of a PKCE verifier: base64url(SHA-256(verifier)), no padding. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True for the loopback redirects a desktop client registers: {@code http://127.0.0.1:<port>/...} or localhost. */
    public static boolean isLoopbackRedirect(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            URI parsed = URI.create(uri);
            return "http".equals(parsed.getScheme())
                    && ("127.0.0.1".equals(parsed.getHost()) || "localhost".equals(parsed.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A 302 to {@code target} with {@code params} added to its query. */
    public static void redirect(HttpExchange exchange, String target, Map<String, String> params) throws IOException {
        StringBuilder location = new StringBuilder(target).append(target.contains("?") ? '&' : '?');
        params.forEach((k, v) -> location.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
        location.setLength(location.length() - 1);
        exchange.getResponseHeaders().set("Location", location.toString());
        Exchanges.sendEmpty(exchange, 302);
    }
}
