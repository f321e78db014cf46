package donna.backend.insights;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import donna.backend.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Ingestion API keys: created (the whole key shown once), listed (metadata only), revoked at once. A key is
 * {@code dk_<12 lowercase letters and digits>_<43 base64url characters>}; the first part is its public prefix, by
 * which it is found, and only an Argon2id hash of the whole key is stored ({@link SecretHash}).
 *
 * <p>Verifying a hash takes tens of milliseconds of CPU, so a verified key is remembered under the SHA-256 of the key
 * (in memory only, until unused for {@link #REMEMBER_FOR}), and checked again only for being live (its row there, not
 * revoked: one indexed read) once per {@link #CACHE_FOR}. A key's hash never changes, so this accepts exactly what
 * hashing again would. Revoking evicts it on this instance at once; another instance of a shared deployment may
 * accept it for at most those few seconds more. {@code last_used_at} is coalesced: uses are noted in
 * memory and written by {@link #flushLastUsed()} (the pipeline's tick, and before a listing), not once per request.
 */
public final class ApiKeys {
    static final Duration CACHE_FOR = Duration.ofSeconds(5);
    static final Duration REMEMBER_FOR = Duration.ofMinutes(10);
    private static final Pattern KEY = Pattern.compile("(dk_[a-z0-9]{12})_([A-Za-z0-9_-]{43})");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_NAME = 100;
    private static final int MAX_KEYS_PER_OWNER = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Whose key a request holds. */
    public record Verified(UUID keyId, UUID ownerId) {}

    /** A new key: its metadata and the whole key, which is never available again. */
    public record Created(ApiKey key, String secret) {}

    private final Jdbi jdbi;
    private final Clock clock;
    /** Keys whose hash matched, by the key's SHA-256. */
    private final Cache<String, Verified> verified;
    /** Key ids seen live (not revoked) within {@link #CACHE_FOR}. */
    private final Cache<UUID, Boolean> live;
    private final Map<UUID, Instant> lastUsed = new ConcurrentHashMap<>();
    /** How many hashes were checked (tests: a remembered key is not hashed again). */
    private final AtomicLong hashChecks = new AtomicLong();

    public ApiKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        // The caches' time is the service's clock, so tests can move it.
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.verified = Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(REMEMBER_FOR).ticker(ticker)
                .build();
        this.live = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE_FOR).ticker(ticker).build();
    }

    public Created create(UUID owner, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw ApiException.badRequest("validation_failed", "name: 1-" + MAX_NAME + " characters");
        }
        int live = jdbi.withHandle(h -> h.createQuery(
                "select count(*) from api_keys where owner_id = :o and revoked_at is null").bind("o", owner)
                .mapTo(Integer.class).one());
        if (live >= MAX_KEYS_PER_OWNER) {
            throw new ApiException(409, "too_many_keys", "Revoke a key first: at most " + MAX_KEYS_PER_OWNER);
        }
        StringBuilder prefix = new StringBuilder("dk_");
        for (int i = 0; i < 12; i++) {
            prefix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String hash = SecretHash.hash(secret);
        Instant now = clock.instant();
        ApiKey key = jdbi.withHandle(h -> h.createQuery("""
                insert into api_keys (owner_id, name, prefix, secret_hash, created_at)
                values (:o, :n, :p, :h, :t) returning id, name, prefix, created_at, last_used_at""")
                .bind("o", owner).bind("n", trimmed).bind("p", prefix.toString()).bind("h", hash).bind("t", now)
                .map((rs, ctx) -> key(rs)).one());
        return new Created(key, secret);
    }

    public List<ApiKey> list(UUID owner) {
        flushLastUsed();
        return jdbi.withHandle(h -> h.createQuery("""
                select id, name, prefix, created_at, last_used_at from api_keys
                where owner_id = :o and revoked_at is null order by created_at desc""")
                .bind("o", owner).map((rs, ctx) -> key(rs)).list());
    }

    /** @return false when the owner has no such live key */
    public boolean revoke(UUID owner, UUID id) {
        int changed = jdbi.withHandle(h -> h.createUpdate(
                "update api_keys set revoked_at = :t where id = :id and owner_id = :o and revoked_at is null")
                .bind("t", clock.instant()).bind("id", id).bind("o", owner).execute());
        verified.asMap().values().removeIf(v -> v.keyId().equals(id));
        live.invalidate(id);
        lastUsed.remove(id);
        return changed > 0;
    }

    /** The key's owner, or empty for a malformed, unknown or revoked key. */
    public Optional<Verified> verify(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        String cacheKey = sha256(key);
        Verified hit = verified.getIfPresent(cacheKey);
        if (hit != null && live.getIfPresent(hit.keyId()) == null) {
            UUID id = hit.keyId();
            boolean stillLive = jdbi.withHandle(h -> h.createQuery(
                    "select count(*) from api_keys where id = :id and revoked_at is null").bind("id", id)
                    .mapTo(Integer.class).one()) > 0;
            if (!stillLive) {
                verified.invalidate(cacheKey);
                return Optional.empty();
            }
            live.put(id, Boolean.TRUE);
        }
        if (hit == null) {
            String prefix = key.substring(0, 15);
            Optional<Row> row = jdbi.withHandle(h -> h.createQuery(
                    "select id, owner_id, secret_hash from api_keys where prefix = :p and revoked_at is null")
                    .bind("p", prefix).map((rs, ctx) -> new Row(rs.getObject("id", UUID.class),
                            rs.getObject("owner_id", UUID.class), rs.getString("secret_hash"))).findOne());
            if (row.isEmpty()) {
                return Optional.empty();
            }
            hashChecks.incrementAndGet();
            if (!SecretHash.matches(key, row.get().hash())) {
                return Optional.empty();
            }
            hit = new Verified(row.get().id(), row.get().owner());
            verified.put(cacheKey, hit);
            live.put(hit.keyId(), Boolean.TRUE);
        }
        lastUsed.put(hit.keyId(), clock.instant());
        return Optional.of(hit);
    }

    long hashChecks() {
        return hashChecks.get();
    }

    /** Writes the uses noted since the last flush: one statement per key used, not one per request. */
    public void flushLastUsed() {
        if (lastUsed.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> {
            var batch = h.prepareBatch("""
                    update api_keys set last_used_at = greatest(coalesce(last_used_at, :t), :t) where id = :id""");
            for (UUID id : List.copyOf(lastUsed.keySet())) {
                Instant at = lastUsed.remove(id);
                if (at != null) {
                    batch.bind("id", id).bind("t", at).add();
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
        });
    }

    private record Row(UUID id, UUID owner, String hash) {}

    private static ApiKey key(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Timestamp used = rs.getTimestamp("last_used_at");
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                rs.getTimestamp("created_at").toInstant(), used == null ? null : used.toInstant());
    }

    private static String sha256(String value) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
