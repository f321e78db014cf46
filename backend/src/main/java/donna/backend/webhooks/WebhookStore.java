package donna.backend.webhooks;

import donna.backend.crypto.TokenCipher;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code webhooks} table and its delivery log. Every read and write names the owner: another user's webhook is
 * simply not found. Secrets are stored encrypted, bound to the webhook's id.
 */
public final class WebhookStore {
    static final String COLUMNS = "id, url, events, enabled, disabled_reason, consecutive_failures, created_at";
    static final String DELIVERY_COLUMNS = "id, webhook_id, event_type, status, attempts, next_attempt_at, "
            + "last_status, last_error, created_at, delivered_at";
    /** A person's webhooks, at most: each one is a fan-out of every event. */
    static final int MAX_PER_USER = 20;

    private final Jdbi jdbi;
    private final TokenCipher cipher;

    public WebhookStore(Jdbi jdbi, TokenCipher cipher) {
        this.jdbi = jdbi;
        this.cipher = cipher;
    }

    /** Stores a new webhook with its secret; empty when the owner already has {@link #MAX_PER_USER}. */
    public Optional<Webhook> create(UUID owner, String url, List<String> events, String secret) {
        UUID id = UUID.randomUUID();
        return jdbi.inTransaction(h -> {
            // One at a time per owner, so two concurrent creates cannot both pass the count.
            h.createQuery("select id from users where id = :u for update").bind("u", owner).mapTo(UUID.class).one();
            int count = h.createQuery("select count(*) from webhooks where user_id = :u").bind("u", owner)
                    .mapTo(Integer.class).one();
            if (count >= MAX_PER_USER) {
                return Optional.empty();
            }
            return Optional.of(h.createQuery("insert into webhooks (id, user_id, url, events, secret) "
                            + "values (:id, :u, :url, :events, :secret) returning " + COLUMNS)
                    .bind("id", id).bind("u", owner).bind("url", url)
                    .bindArray("events", String.class, events)
                    .bind("secret", cipher.encrypt(secret, secretOwner(id)))
                    .map((rs, c) -> webhook(rs)).one());
        });
    }

    /** Whether anyone has a webhook (the desktop's service polls for deliveries only then). */
    public boolean any() {
        return jdbi.withHandle(h -> h.createQuery("select exists (select 1 from webhooks)").mapTo(Boolean.class)
                .one());
    }

    public List<Webhook> list(UUID owner) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS
                        + " from webhooks where user_id = :u order by created_at, id")
                .bind("u", owner).map((rs, c) -> webhook(rs)).list());
    }

    public Optional<Webhook> find(UUID owner, UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS
                        + " from webhooks where user_id = :u and id = :id")
                .bind("u", owner).bind("id", id).map((rs, c) -> webhook(rs)).findOne());
    }

    /** Deletes the webhook and its delivery log; false when the owner has no such webhook. */
    public boolean delete(UUID owner, UUID id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from webhooks where user_id = :u and id = :id")
                .bind("u", owner).bind("id", id).execute() > 0);
    }

    /** The webhook's deliveries, newest first. */
    public List<Delivery> deliveries(UUID owner, UUID webhookId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select " + prefixed("d") + " from webhook_deliveries d "
                        + "join webhooks w on w.id = d.webhook_id where w.user_id = :u and d.webhook_id = :w "
                        + "order by d.created_at desc, d.id limit :n")
                .bind("u", owner).bind("w", webhookId).bind("n", limit).map((rs, c) -> delivery(rs)).list());
    }

    /** The id the secret's ciphertext is bound to: a ciphertext copied to another webhook does not decrypt. */
    static String secretOwner(UUID webhookId) {
        return "webhook:" + webhookId;
    }

    static String prefixed(String alias) {
        return Arrays.stream(DELIVERY_COLUMNS.split(", ")).map(c -> alias + "." + c)
                .reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    static Webhook webhook(ResultSet rs) throws SQLException {
        return new Webhook(rs.getObject("id", UUID.class), rs.getString("url"), strings(rs.getArray("events")),
                rs.getBoolean("enabled"), rs.getString("disabled_reason"), rs.getInt("consecutive_failures"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
                rs.getString("event_type"), rs.getString("status"), rs.getInt("attempts"),
                "pending".equals(rs.getString("status")) ? rs.getObject("next_attempt_at", OffsetDateTime.class)
                        : null,
                rs.getObject("last_status", Integer.class), rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("delivered_at", OffsetDateTime.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
