package donna.backend.webhooks;

import donna.backend.crypto.TokenCipher;
import donna.backend.outbound.OutboundAddressPolicy;
import donna.backend.outbound.VettedDns;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries from the outbox. Any number of instances may run one over the same database: a delivery is
 * claimed with {@code FOR UPDATE SKIP LOCKED} and leased (its next attempt moved past the call's longest time) in one
 * short statement, then sent outside any transaction, so each is attempted by one instance at a time. An instance
 * that dies mid-call leaves the lease to run out and another retries; receivers deduplicate on
 * {@code X-Donna-Delivery}.
 *
 * <p>A failed attempt (no 2xx, a network error, or an address the policy now refuses) is retried with exponential
 * backoff (30 s doubling, at most 2 h between attempts) until a day has passed since the event, then marked failed.
 * After {@link Settings#disableAfter} failures in a row the webhook is disabled, with the reason kept for the person
 * to see, and its waiting deliveries fail with it. Redirects are not followed (one could point anywhere).
 */
public final class WebhookWorker {
    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_BATCHES_PER_RUN = 20;

    /**
     * @param batch        deliveries claimed per statement
     * @param lease        how long a claim holds beyond the longest its batch's calls can take
     * @param firstRetry   the wait after the first failure; doubled after each further one
     * @param maxRetry     the longest wait between attempts
     * @param giveUpAfter  how long after the event a delivery is still retried
     * @param disableAfter failed attempts in a row that disable a webhook
     * @param callTimeout  the longest a receiver may take to answer
     */
    public record Settings(int batch, Duration lease, Duration firstRetry, Duration maxRetry, Duration giveUpAfter,
            int disableAfter, Duration callTimeout) {
        public static Settings defaults() {
            return new Settings(20, Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofHours(2),
                    Duration.ofDays(1), 15, Duration.ofSeconds(15));
        }

        public Settings withDisableAfter(int failures) {
            return new Settings(batch, lease, firstRetry, maxRetry, giveUpAfter, failures, callTimeout);
        }
    }

    /** A claimed delivery; {@code attempts} counts the attempts before this one. */
    private record Claimed(UUID id, UUID webhookId, String event, String payload, int attempts,
            OffsetDateTime createdAt, String url, String secret) {}

    private record Outcome(Integer status, String error) {
        boolean delivered() {
            return error == null;
        }
    }

    private final Jdbi jdbi;
    private final TokenCipher cipher;
    private final OutboundAddressPolicy policy;
    private final Clock clock;
    private final Settings settings;
    private final OkHttpClient http;

    public WebhookWorker(Jdbi jdbi, TokenCipher cipher, OutboundAddressPolicy policy, Clock clock,
            Settings settings) {
        this.jdbi = jdbi;
        this.cipher = cipher;
        this.policy = policy;
        this.clock = clock;
        this.settings = settings;
        this.http = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
                .proxy(Proxy.NO_PROXY).retryOnConnectionFailure(false).callTimeout(settings.callTimeout())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Sends every delivery due now (by this worker's clock), one after another, and returns how many it attempted.
     * The scheduler calls it every few seconds; tests call it directly.
     */
    public int runDue() {
        int attempted = 0;
        Set<UUID> disabled = new HashSet<>();
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            List<Claimed> batch = claim();
            for (Claimed c : batch) {
                if (disabled.contains(c.webhookId())) {
                    continue; // disabled by an earlier delivery of this batch, which failed this one too
                }
                if (record(c, send(c))) {
                    disabled.add(c.webhookId());
                }
                attempted++;
            }
            if (batch.size() < settings.batch()) {
                break;
            }
        }
        return attempted;
    }

    private List<Claimed> claim() {
        OffsetDateTime now = now();
        return jdbi.withHandle(h -> h.createQuery("""
                        with due as (
                          select d.id from webhook_deliveries d join webhooks w on w.id = d.webhook_id
                          where d.status = 'pending' and d.next_attempt_at <= :now and w.enabled
                          order by d.next_attempt_at limit :n
                          for update of d skip locked),
                        claimed as (
                          update webhook_deliveries d set next_attempt_at = :lease
                          from due where d.id = due.id
                          returning d.id, d.webhook_id, d.event_type, d.payload::text as payload, d.attempts,
                                    d.created_at)
                        select c.*, w.url, w.secret from claimed c join webhooks w on w.id = c.webhook_id""")
                .bind("now", now).bind("lease", now.plus(lease())).bind("n", settings.batch())
                .map((rs, ctx) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
                        rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getString("url"),
                        rs.getString("secret")))
                .list());
    }

    /**
     * How long a claim holds: the batch is sent one by one, so its last delivery may wait for every call before it
     * to time out; a lease shorter than that would let another instance send it too.
     */
    private Duration lease() {
        return settings.lease().plus(settings.callTimeout().multipliedBy(settings.batch()));
    }

    private Outcome send(Claimed c) {
        OutboundAddressPolicy.Target target;
        okhttp3.HttpUrl url;
        try {
            target = policy.check(c.url());
            url = VettedDns.url(target);
        } catch (OutboundAddressPolicy.Refused refused) {
            return new Outcome(null, "address refused: " + refused.getMessage());
        }
        String secret;
        try {
            secret = cipher.decrypt(c.secret(), WebhookStore.secretOwner(c.webhookId()));
            if (!cipher.isCurrent(c.secret())) {
                reencrypt(c, secret); // written under a previous key: move it to the current one, as Gmail's tokens
            }
        } catch (TokenCipher.UndecryptableException e) {
            return new Outcome(null, "the webhook's secret cannot be decrypted (the token key changed)");
        }
        byte[] body = c.payload().getBytes(StandardCharsets.UTF_8);
        long t = clock.instant().getEpochSecond();
        Request request = new Request.Builder().url(url)
                .header("User-Agent", "DONNA-Webhooks/1")
                .header("X-Donna-Event", c.event())
                .header("X-Donna-Delivery", c.id().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, t, body))
                .post(RequestBody.create(body, JSON)).build();
        // This call's name lookups answer only the vetted addresses: no rebinding between check and connect.
        OkHttpClient client = http.newBuilder().dns(new VettedDns(target)).build();
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            return code >= 200 && code < 300 ? new Outcome(code, null) : new Outcome(code, "HTTP " + code);
        } catch (InterruptedIOException e) {
            return new Outcome(null, "timed out");
        } catch (ConnectException e) {
            return new Outcome(null, "connection refused");
        } catch (IOException e) {
            return new Outcome(null, "network error: " + e.getClass().getSimpleName());
        }
    }

    private void reencrypt(Claimed c, String secret) {
        jdbi.useHandle(h -> h.createUpdate("update webhooks set secret = :new where id = :w and secret = :old")
                .bind("new", cipher.encrypt(secret, WebhookStore.secretOwner(c.webhookId())))
                .bind("w", c.webhookId()).bind("old", c.secret()).execute());
    }

    /** Stores the attempt's outcome; true when it disabled the webhook. */
    private boolean record(Claimed c, Outcome outcome) {
        OffsetDateTime now = now();
        return jdbi.inTransaction(h -> {
            if (outcome.delivered()) {
                h.createUpdate("update webhook_deliveries set status = 'delivered', delivered_at = :now, "
                                + "attempts = attempts + 1, last_status = :s, last_error = null where id = :id")
                        .bind("now", now).bind("s", outcome.status()).bind("id", c.id()).execute();
                h.createUpdate("update webhooks set consecutive_failures = 0 where id = :w")
                        .bind("w", c.webhookId()).execute();
                return false;
            }
            OffsetDateTime next = now.plus(backoff(c.attempts() + 1));
            boolean giveUp = next.isAfter(c.createdAt().plus(settings.giveUpAfter()));
            h.createUpdate("update webhook_deliveries set status = :status, next_attempt_at = :next, "
                            + "attempts = attempts + 1, last_status = :s, last_error = :e where id = :id")
                    .bind("status", giveUp ? "failed" : "pending").bind("next", next)
                    .bind("s", outcome.status()).bind("e", outcome.error()).bind("id", c.id()).execute();
            int failures = h.createQuery("update webhooks set consecutive_failures = consecutive_failures + 1 "
                            + "where id = :w returning consecutive_failures")
                    .bind("w", c.webhookId()).mapTo(Integer.class).findOne().orElse(0);
            if (failures >= settings.disableAfter()) {
                String reason = "Disabled after " + failures + " failed deliveries in a row (last: "
                        + outcome.error() + ")";
                int disabled = h.createUpdate("update webhooks set enabled = false, disabled_reason = :r "
                                + "where id = :w and enabled")
                        .bind("r", reason).bind("w", c.webhookId()).execute();
                if (disabled > 0) {
                    h.createUpdate("update webhook_deliveries set status = 'failed', last_error = "
                                    + "coalesce(last_error, 'webhook disabled') where webhook_id = :w "
                                    + "and status = 'pending'")
                            .bind("w", c.webhookId()).execute();
                    log.warn("Webhook {} disabled: {}", c.webhookId(), reason);
                    return true;
                }
            }
            return false;
        });
    }

    /** The wait after the {@code attempts}-th failed attempt: 30 s, 1 min, 2 min, ... at most {@code maxRetry}. */
    Duration backoff(int attempts) {
        Duration wait = settings.firstRetry();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxRetry()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait;
    }

    private OffsetDateTime now() {
        Instant instant = clock.instant();
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Closes the idle connections and threads of the HTTP client. */
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
