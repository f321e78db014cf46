package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heuristics (always on): a conversation's failures and its health, 0-100. Pure: the same messages give the same
 * score, so re-scoring after more messages arrive is safe. What each kind means is in docs/insights.md.
 */
final class HealthScorer {
    static final String ASSISTANT_ERROR = "assistant_error";
    static final String ASSISTANT_REFUSAL = "assistant_refusal";
    static final String UNANSWERED_QUESTION = "unanswered_question";
    static final String USER_FRUSTRATION = "user_frustration";
    static final String ABUSE = "abuse";
    static final String SLOW_RESPONSE = "slow_response";
    static final String TOOL_FAILURE = "tool_failure";
    static final String BARGE_IN_STORM = "barge_in_storm";
    static final String RECONNECTS = "reconnects";
    static final List<String> KINDS = List.of(ASSISTANT_ERROR, ASSISTANT_REFUSAL, UNANSWERED_QUESTION,
            USER_FRUSTRATION, ABUSE, SLOW_RESPONSE, TOOL_FAILURE, BARGE_IN_STORM, RECONNECTS);

    static final long SLOW_MS = 10_000;
    static final long VERY_SLOW_MS = 30_000;
    static final int STORM_BARGE_INS = 3;
    static final Duration STORM_WINDOW = Duration.ofSeconds(60);
    static final double REPEAT_SIMILARITY = 0.8;
    private static final Map<String, Integer> SEVERITY_PENALTY = Map.of("high", 25, "medium", 12, "low", 5);
    private static final int KIND_PENALTY_CAP = 40;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A stored message, as the scorer reads it. */
    record Message(long id, String role, String content, Instant ts, JsonNode metadata, Integer latencyMs,
            Float sentiment) {}

    record Conversation(String source, boolean ended, JsonNode metadata, List<Message> messages) {}

    /** A failure found; {@code messageId} null for one about the whole conversation. */
    record Found(String kind, String severity, Long messageId, String detail, Instant occurredAt) {
        String fingerprint() {
            return kind + ":" + (messageId == null ? "conversation" : messageId);
        }
    }

    record Score(int health, ObjectNode breakdown, List<Found> failures) {}

    private HealthScorer() {}

    static Score score(Conversation c) {
        List<Found> found = new ArrayList<>();
        List<Message> ms = c.messages();
        List<Message> userSoFar = new ArrayList<>();
        long latencySum = 0;
        int latencyCount = 0;
        long latencyMax = 0;
        for (int i = 0; i < ms.size(); i++) {
            Message m = ms.get(i);
            switch (m.role()) {
                case "assistant" -> {
                    if (Lexicon.isError(m.content()) || present(m.metadata(), "error")) {
                        found.add(new Found(ASSISTANT_ERROR, "high", m.id(), "The assistant reported an error",
                                m.ts()));
                    } else if (Lexicon.isRefusal(m.content())) {
                        found.add(new Found(ASSISTANT_REFUSAL, "medium", m.id(), "The assistant refused", m.ts()));
                    }
                    Long latency = latency(ms, i);
                    if (latency != null) {
                        latencySum += latency;
                        latencyCount++;
                        latencyMax = Math.max(latencyMax, latency);
                        if (latency > SLOW_MS) {
                            found.add(new Found(SLOW_RESPONSE, latency > VERY_SLOW_MS ? "high" : "medium", m.id(),
                                    "Answered after " + latency / 1000 + " s", m.ts()));
                        }
                    }
                }
                case "user" -> {
                    if (Lexicon.isAbusive(m.content()) || m.metadata().path("flagged").asBoolean(false)) {
                        found.add(new Found(ABUSE, "high", m.id(), "Abusive language from the user", m.ts()));
                    }
                    List<String> signals = frustration(m, userSoFar);
                    if (!signals.isEmpty()) {
                        found.add(new Found(USER_FRUSTRATION, signals.size() > 1 ? "high" : "medium", m.id(),
                                "User frustration: " + String.join(", ", signals), m.ts()));
                    }
                    if (Lexicon.isQuestion(m.content()) && unanswered(ms, i, c.ended())) {
                        found.add(new Found(UNANSWERED_QUESTION, "medium", m.id(),
                                "The user's question got no answer", m.ts()));
                    }
                    userSoFar.add(m);
                }
                case "tool" -> {
                    if (toolFailed(m)) {
                        found.add(new Found(TOOL_FAILURE, "medium", m.id(), "A tool call failed", m.ts()));
                    }
                }
                default -> { }
            }
        }
        int bargeIns = 0;
        int reconnects = 0;
        if (isVoice(c)) {
            bargeIns = voice(c, found);
            reconnects = reconnects(c, found);
        }
        return new Score(health(found, ms), breakdown(c, found, ms, latencySum, latencyCount, latencyMax, bargeIns,
                reconnects), found);
    }

    /** The answer time: as the sender measured it, else from the user message it follows. */
    private static Long latency(List<Message> ms, int i) {
        Message m = ms.get(i);
        if (m.latencyMs() != null) {
            return (long) m.latencyMs();
        }
        for (int j = i - 1; j >= 0; j--) {
            String role = ms.get(j).role();
            if ("user".equals(role)) {
                return Math.max(0, Duration.between(ms.get(j).ts(), m.ts()).toMillis());
            }
            if ("assistant".equals(role)) {
                return null; // a second part of an answer: its time is not a wait for the user
            }
        }
        return null;
    }

    private static List<String> frustration(Message m, List<Message> earlier) {
        List<String> signals = new ArrayList<>();
        String phrase = Lexicon.frustrationPhrase(m.content());
        if (phrase != null) {
            signals.add("\"" + phrase + "\"");
        }
        boolean repeated = Lexicon.words(m.content()).size() >= 3 && earlier.subList(Math.max(0, earlier.size() - 3),
                earlier.size()).stream().anyMatch(e -> Lexicon.similarity(e.content(), m.content())
                        >= REPEAT_SIMILARITY);
        if (repeated) {
            signals.add("repeated an earlier message");
        }
        double sentiment = m.sentiment() != null ? m.sentiment() : Lexicon.sentiment(m.content());
        if (sentiment <= -0.5) {
            signals.add("negative sentiment");
        }
        return signals;
    }

    /**
     * No assistant message between this question and the user's next message; the last question of a
     * conversation counts only once the conversation has ended (an answer may still be on its way).
     */
    private static boolean unanswered(List<Message> ms, int i, boolean ended) {
        for (int j = i + 1; j < ms.size(); j++) {
            String role = ms.get(j).role();
            if ("assistant".equals(role)) {
                return false;
            }
            if ("user".equals(role)) {
                return true;
            }
        }
        return ended;
    }

    private static boolean toolFailed(Message m) {
        String status = m.metadata().path("status").asText("");
        if (status.equalsIgnoreCase("failed") || status.equalsIgnoreCase("error") || present(m.metadata(), "error")) {
            return true;
        }
        String content = m.content().strip();
        if (content.regionMatches(true, 0, "error", 0, 5)) {
            return true;
        }
        if (content.startsWith("{")) {
            try {
                return present(JSON.readTree(content), "error");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isVoice(Conversation c) {
        return "donna-voice".equals(c.source()) || "voice".equals(c.metadata().path("channel").asText(""));
    }

    /** Barge-ins (the person talking over the assistant): a storm is {@link #STORM_BARGE_INS} within a minute. */
    private static int voice(Conversation c, List<Found> found) {
        List<Message> bargeIns = c.messages().stream().filter(m -> m.metadata().path("barge_in").asBoolean(false)
                || "barge_in".equals(m.metadata().path("event").asText(""))).toList();
        int worst = 0;
        Message at = null;
        for (int i = 0; i < bargeIns.size(); i++) {
            int inWindow = 1;
            for (int j = i + 1; j < bargeIns.size()
                    && Duration.between(bargeIns.get(i).ts(), bargeIns.get(j).ts()).compareTo(STORM_WINDOW) <= 0; j++) {
                inWindow++;
            }
            if (inWindow > worst) {
                worst = inWindow;
                at = bargeIns.get(i);
            }
        }
        if (worst >= STORM_BARGE_INS) {
            found.add(new Found(BARGE_IN_STORM, worst >= 2 * STORM_BARGE_INS ? "high" : "medium", null,
                    worst + " barge-ins within a minute", at.ts()));
        }
        return bargeIns.size();
    }

    private static int reconnects(Conversation c, List<Found> found) {
        List<Message> marked = c.messages().stream().filter(m -> m.metadata().path("reconnect").asBoolean(false)
                || "reconnect".equals(m.metadata().path("event").asText(""))).toList();
        int count = Math.max(marked.size(), c.metadata().path("reconnects").asInt(0));
        if (count > 0) {
            Instant at = marked.isEmpty() ? c.messages().isEmpty() ? Instant.EPOCH : c.messages().getLast().ts()
                    : marked.getFirst().ts();
            found.add(new Found(RECONNECTS, count >= 4 ? "high" : count >= 2 ? "medium" : "low", null,
                    count + " reconnect" + (count == 1 ? "" : "s") + " during the session", at));
        }
        return count;
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean())
                && !(value.isTextual() && value.asText().isBlank());
    }

    private static Map<String, Integer> penalties(List<Found> found) {
        Map<String, Integer> penalties = new LinkedHashMap<>();
        for (Found f : found) {
            penalties.merge(f.kind(), SEVERITY_PENALTY.get(f.severity()), (a, b) -> Math.min(KIND_PENALTY_CAP, a + b));
        }
        return penalties;
    }

    private static int sentimentPenalty(List<Message> ms) {
        double mean = ms.stream().filter(m -> "user".equals(m.role()))
                .mapToDouble(m -> m.sentiment() != null ? m.sentiment() : Lexicon.sentiment(m.content()))
                .average().orElse(0);
        return mean < 0 ? (int) Math.round(-mean * 10) : 0;
    }

    private static int health(List<Found> found, List<Message> ms) {
        int total = penalties(found).values().stream().mapToInt(Integer::intValue).sum() + sentimentPenalty(ms);
        return Math.max(0, Math.min(100, 100 - total));
    }

    private static ObjectNode breakdown(Conversation c, List<Found> found, List<Message> ms, long latencySum,
            int latencyCount, long latencyMax, int bargeIns, int reconnects) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("base", 100);
        ObjectNode p = b.putObject("penalties");
        penalties(found).forEach(p::put);
        b.put("sentiment_penalty", sentimentPenalty(ms));
        ObjectNode s = b.putObject("signals");
        s.put("messages", ms.size());
        s.put("user_messages", ms.stream().filter(m -> "user".equals(m.role())).count());
        s.put("assistant_messages", ms.stream().filter(m -> "assistant".equals(m.role())).count());
        s.put("tool_messages", ms.stream().filter(m -> "tool".equals(m.role())).count());
        if (latencyCount > 0) {
            s.put("avg_latency_ms", latencySum / latencyCount);
            s.put("max_latency_ms", latencyMax);
        }
        s.put("avg_sentiment", Math.round(ms.stream().filter(m -> "user".equals(m.role()))
                .mapToDouble(m -> m.sentiment() != null ? m.sentiment() : 0).average().orElse(0) * 100) / 100.0);
        if (isVoice(c)) {
            s.put("barge_ins", bargeIns);
            s.put("reconnects", reconnects);
        }
        b.put("ended", c.ended());
        return b;
    }
}
