package donna.backend.insights;

import donna.backend.openai.EmbeddingsClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code embed-conversation} (behind FEATURE_EMBEDDINGS): an ended conversation's text, embedded with OpenAI's
 * {@code /v1/embeddings}, kept in {@code conversation_embeddings} as a {@code real[]} (and in a pgvector column beside
 * it where the database has one). The same text is not embedded twice: the row keeps the SHA-256 of what was sent.
 * {@link PatternAnalyzer} clusters similar conversations with these.
 */
final class Embedder {
    /** Text sent at most: the conversation from its start (what it is about shows early). */
    static final int MAX_CHARS = 8_000;

    private final Jdbi jdbi;
    private final EmbeddingsClient client;
    private final boolean vectorColumn;

    Embedder(Jdbi jdbi, EmbeddingsClient client) {
        this.jdbi = jdbi;
        this.client = client;
        this.vectorColumn = hasVectorColumn(jdbi);
    }

    /** Whether the migration found pgvector and added {@code embedding_vector}. */
    static boolean hasVectorColumn(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                select exists (select 1 from information_schema.columns
                  where table_name = 'conversation_embeddings' and column_name = 'embedding_vector'
                    and table_schema = current_schema())""").mapTo(Boolean.class).one());
    }

    boolean vectorColumn() {
        return vectorColumn;
    }

    void run(UUID conversation, Instant now) {
        Optional<UUID> owner = jdbi.withHandle(h -> h.createQuery("select owner_id from conversations where id = :c")
                .bind("c", conversation).mapTo(UUID.class).findOne());
        if (owner.isEmpty()) {
            return;
        }
        String text = text(jdbi.withHandle(h -> ConversationScoring.messages(h, conversation)));
        if (text.isBlank()) {
            return;
        }
        byte[] sha = sha256(client.model() + "\n" + text);
        boolean same = jdbi.withHandle(h -> h.createQuery(
                "select content_sha256 from conversation_embeddings where conversation_id = :c")
                .bind("c", conversation).mapTo(byte[].class).findOne().map(old -> Arrays.equals(old, sha))
                .orElse(false));
        if (same) {
            return;
        }
        EmbeddingsClient.Embedding e = client.embed(text); // outside a transaction: no row waits on OpenAI
        String array = literal(e.vector(), '{', '}');
        jdbi.useHandle(h -> h.createUpdate("""
                insert into conversation_embeddings (conversation_id, owner_id, model, dimensions, content_sha256,
                  embedding, created_at)
                values (:c, :o, :m, :d, :sha, cast(:e as real[]), :t)
                on conflict (conversation_id) do update set model = excluded.model, dimensions = excluded.dimensions,
                  content_sha256 = excluded.content_sha256, embedding = excluded.embedding,
                  created_at = excluded.created_at""")
                .bind("c", conversation).bind("o", owner.get()).bind("m", e.model()).bind("d", e.vector().length)
                .bind("sha", sha).bind("e", array).bind("t", now).execute());
        if (vectorColumn) {
            jdbi.useHandle(h -> h.createUpdate(
                    "update conversation_embeddings set embedding_vector = cast(:v as vector) where conversation_id = :c")
                    .bind("v", literal(e.vector(), '[', ']')).bind("c", conversation).execute());
        }
    }

    /** What is embedded: the messages of the person and the assistant, in order, as "role: text" lines. */
    static String text(List<HealthScorer.Message> messages) {
        StringBuilder out = new StringBuilder();
        for (HealthScorer.Message m : messages) {
            if (!m.role().equals("user") && !m.role().equals("assistant")) {
                continue;
            }
            out.append(m.role()).append(": ").append(m.content().strip()).append('\n');
            if (out.length() >= MAX_CHARS) {
                return out.substring(0, MAX_CHARS);
            }
        }
        return out.toString();
    }

    private static String literal(float[] v, char open, char close) {
        StringBuilder s = new StringBuilder().append(open);
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(Float.isFinite(v[i]) ? v[i] : 0f);
        }
        return s.append(close).toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
