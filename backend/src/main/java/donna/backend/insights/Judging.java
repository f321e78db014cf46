package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The LLM judge in the pipeline. {@code process-conversation} scores with the heuristics (always) and, for an owner
 * who switched the judge on, queues {@code judge-conversation} once the conversation has ended: the judge looks at a
 * whole session. That job asks {@link LlmJudge}, keeps the verdict ({@code conversation_judgments}) and scores again,
 * now combined. A judge that fails fails only its own job (retried with backoff, then a dead letter): the heuristic
 * score written before stays.
 *
 * <p>Combined: health is the mean of the heuristics' and the judge's scores; the judge's failures of kinds the
 * heuristics did not find are added (one per kind, about the whole conversation, detail "LLM judge: reason"); the
 * breakdown keeps {@code heuristic_health} and the verdict under {@code judge}. A verdict counts only while it covers
 * the conversation's newest message.
 */
final class Judging {
    private final Jdbi jdbi;
    private final LlmJudge judge;

    /** A stored verdict. */
    record Stored(int score, String reason, String model, JsonNode failures, long judgedThrough, Instant judgedAt) {}

    Judging(Jdbi jdbi, LlmJudge judge) {
        this.jdbi = jdbi;
        this.judge = judge;
    }

    static boolean enabled(Handle h, UUID owner) {
        return h.createQuery("select llm_judge_enabled from insights_settings where owner_id = :o").bind("o", owner)
                .mapTo(Boolean.class).findOne().orElse(false);
    }

    static Optional<Stored> current(Handle h, UUID conversation, long lastMessageId) {
        return h.createQuery("""
                select score, reason, model, failures, judged_through, judged_at from conversation_judgments
                where conversation_id = :c and judged_through = :m""")
                .bind("c", conversation).bind("m", lastMessageId)
                .map((rs, ctx) -> new Stored(rs.getInt("score"), rs.getString("reason"), rs.getString("model"),
                        Json.tree(rs.getString("failures")), rs.getLong("judged_through"),
                        rs.getTimestamp("judged_at").toInstant()))
                .findOne();
    }

    static long lastId(List<HealthScorer.Message> messages) {
        return messages.stream().mapToLong(HealthScorer.Message::id).max().orElse(0);
    }

    /** The heuristics' score combined with a current verdict. */
    static HealthScorer.Score combine(HealthScorer.Score heuristic, Stored verdict, Instant lastMessageAt) {
        ObjectNode breakdown = heuristic.breakdown().deepCopy();
        breakdown.put("heuristic_health", heuristic.health());
        ObjectNode j = breakdown.putObject("judge");
        j.put("score", verdict.score()).put("reason", verdict.reason()).put("model", verdict.model())
                .put("judged_at", verdict.judgedAt().toString());
        j.set("failures", verdict.failures());
        List<HealthScorer.Found> failures = new ArrayList<>(heuristic.failures());
        Set<String> found = heuristic.failures().stream().map(HealthScorer.Found::kind).collect(Collectors.toSet());
        for (JsonNode f : verdict.failures()) {
            String kind = f.path("kind").asText();
            if (HealthScorer.KINDS.contains(kind) && found.add(kind)) {
                failures.add(new HealthScorer.Found(kind, f.path("severity").asText("medium"), null,
                        "LLM judge: " + f.path("reason").asText(""), lastMessageAt));
            }
        }
        int health = (int) Math.round((heuristic.health() + verdict.score()) / 2.0);
        return new HealthScorer.Score(Math.max(0, Math.min(100, health)), breakdown, failures);
    }

    private record Target(UUID owner, String source) {}

    /** {@code judge-conversation}: asks the judge (unless switched off meanwhile, or already current), then rescores. */
    void run(UUID conversation, Instant now, ConversationScoring scoring) {
        Optional<Target> target = jdbi.withHandle(h -> h.createQuery(
                "select owner_id, source from conversations where id = :c").bind("c", conversation)
                .map((rs, ctx) -> new Target(rs.getObject("owner_id", UUID.class), rs.getString("source")))
                .findOne());
        if (target.isEmpty() || !jdbi.withHandle(h -> enabled(h, target.get().owner()))) {
            return;
        }
        List<HealthScorer.Message> messages = jdbi.withHandle(h -> ConversationScoring.messages(h, conversation));
        long through = lastId(messages);
        if (messages.isEmpty() || jdbi.withHandle(h -> current(h, conversation, through)).isPresent()) {
            return;
        }
        // Outside any transaction: the model may take seconds, and no row stays locked meanwhile.
        LlmJudge.Verdict verdict = judge.judge(target.get().source(), messages);
        ArrayNode failures = JsonNodeFactory.instance.arrayNode();
        verdict.failures().forEach(f -> failures.addObject().put("kind", f.kind()).put("severity", f.severity())
                .put("reason", f.reason()));
        jdbi.useHandle(h -> h.createUpdate("""
                insert into conversation_judgments (conversation_id, owner_id, model, score, failures, reason,
                  judged_through, judged_at)
                values (:c, :o, :m, :s, cast(:f as jsonb), :r, :through, :t)
                on conflict (conversation_id) do update set model = excluded.model, score = excluded.score,
                  failures = excluded.failures, reason = excluded.reason, judged_through = excluded.judged_through,
                  judged_at = excluded.judged_at""")
                .bind("c", conversation).bind("o", target.get().owner())
                .bind("m", judge.model() == null ? "default" : judge.model()).bind("s", verdict.score())
                .bind("f", failures.toString()).bind("r", verdict.reason()).bind("through", through)
                .bind("t", now).execute());
        scoring.score(conversation, now);
    }
}
