package donna.backend.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The container image's health check: the image has no shell and no curl, so an orchestrator's check runs
 * {@code java -cp @/app/jib-classpath-file donna.backend.health.HealthProbe}. It asks this instance's
 * {@code GET /api/health} (PORT, default 8787) and exits 0 when it answers {@code "ok":true}, 1 otherwise.
 */
public final class HealthProbe {
    private static final int TIMEOUT_MS = 3_000;

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("PORT", "8787");
        System.exit(healthy(URI.create("http://127.0.0.1:" + port + "/api/health")) ? 0 : 1);
    }

    static boolean healthy(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            try (InputStream in = connection.getInputStream()) {
                String body = new String(in.readNBytes(4_096), StandardCharsets.UTF_8);
                return connection.getResponseCode() == 200 && body.replace(" ", "").contains("\"ok\":true");
            } finally {
                connection.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("health: " + e.getMessage());
            return false;
        }
    }
}
