package donna.app.mail.cli;

import io.javalin.Javalin;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Gmail routes of the companion service as the contract describes them, in memory: enough to drive the mail
 * commands' own logic (output, exit codes) quickly. The real service with the fake Google is tested elsewhere.
 */
final class StubGmailService implements AutoCloseable {
    /** One send the stub accepted: the key and the subject. */
    record Sent(String key, String subject) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final Map<String, Object> lastStart = new ConcurrentHashMap<>();
    final Map<String, Object> lastCallback = new ConcurrentHashMap<>();
    volatile String status = "connected";
    /** Subjects the stub refuses with 400, as the service refuses a bad address. */
    final Set<String> refuse = ConcurrentHashMap.newKeySet();
    /** While true, every send answers 503. */
    volatile boolean down;
    /** This many sends answer 409 send_in_progress (a lease an earlier attempt holds), with Retry-After. */
    final java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
    volatile int busyRetryAfterSeconds = 170;
    private final Javalin app;

    StubGmailService() {
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/api/health", ctx -> ctx.json(Map.of("ok", true)));
            c.routes.get("/api/gmail/status", ctx -> ctx.json(Map.of("status", status)));
            c.routes.post("/api/gmail/oauth/start", ctx -> {
                Map<?, ?> body = ctx.bodyAsClass(Map.class);
                body.forEach((k, v) -> lastStart.put(String.valueOf(k), v));
                ctx.json(Map.of("auth_url", "https://accounts.google.com/o/oauth2/v2/auth?redirect_uri="
                        + body.get("redirect_uri") + "&state=" + body.get("state")));
            });
            c.routes.post("/api/gmail/oauth/callback", ctx -> {
                lastCallback.putAll(ctx.bodyAsClass(Map.class));
                status = "connected";
                ctx.json(Map.of("status", "connected", "email", "ana@example.com"));
            });
            c.routes.post("/api/gmail/send", ctx -> {
                String key = ctx.header("Idempotency-Key");
                String subject = String.valueOf(ctx.bodyAsClass(Map.class).get("subject"));
                if (busy.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    ctx.header("Retry-After", Integer.toString(busyRetryAfterSeconds));
                    ctx.status(409).json(error("send_in_progress", "This mail is being sent right now; retry later "
                            + "with the same Idempotency-Key"));
                } else if (down) {
                    ctx.status(503).json(error("upstream_unavailable", "Gmail is unavailable"));
                } else if (refuse.contains(subject)) {
                    ctx.status(400).json(error("invalid_input", "Invalid address in to"));
                } else {
                    boolean replayed = sent.stream().anyMatch(s -> s.key().equals(key));
                    if (!replayed) {
                        sent.add(new Sent(key, subject));
                    }
                    ctx.json(Map.of("status", "sent", "id", "g-" + sent.size(), "thread_id", "t",
                            "message_id", "<" + key + "@donna>", "replayed", replayed));
                }
            });
        }).start("127.0.0.1", 0);
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("success", false, "error", Map.of("code", code, "message", message, "traceId", "t"));
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    @Override
    public void close() {
        app.stop();
    }
}
