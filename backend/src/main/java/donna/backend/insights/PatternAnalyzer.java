package donna.backend.insights;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pattern-analyze}: over an owner's conversations of the last {@link #PERIOD} (the newest
 * {@link #MAX_CONVERSATIONS}), finds recurring topics ({@link Topics}), failure clusters (conversations that share a
 * failure kind and a topic) and, where conversations have embeddings, groups of similar conversations; replaces the
 * owner's {@code usage_patterns} with them in one transaction. Reads the user messages only for topics; stores terms,
 * counts and conversation ids, never message text.
 */
final class PatternAnalyzer {
    static final Duration PERIOD = Duration.ofDays(30);
    static final int MAX_CONVERSATIONS = 2_000;
    static final int MAX_TOPICS = 10;
    static final int MAX_CLUSTERS = 10;
    /** Conversations at least this close (cosine of their embeddings) are similar. */
    static final double SIMILAR = 0.80;
    /** Members kept per pattern (the newest). */
    static final int MAX_MEMBERS = 200;
    private static final int MESSAGES_PER_CONVERSATION = 50;
    private static final Logger log = LoggerFactory.getLogger(PatternAnalyzer.class);

    private final Jdbi jdbi;

    PatternAnalyzer(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A pattern found: kind, label, its terms and failure kinds, its conversations (newest first). */
    record Found(String kind, String label, List<String> terms, List<String> failureKinds, int count,
            List<UUID> members) {}

    /** Every owner with conversations in the period; an owner whose analysis fails gets a dead letter. */
    int analyzeAll(Instant now) {
        List<UUID> owners = jdbi.withHandle(h -> h.createQuery("""
                select distinct owner_id from conversations where last_message_at >= :from""")
                .bind("from", now.minus(PERIOD)).mapTo(UUID.class).list());
        int done = 0;
        for (UUID owner : owners) {
            try {
                analyze(owner, now);
                done++;
            } catch (RuntimeException e) {
                log.warn("Pattern analysis for an owner failed: {}", e.getClass().getSimpleName());
                jdbi.useHandle(h -> h.createUpdate("""
                        insert into insights_dead_letters (owner_id, kind, conversation_id, attempts, last_error,
                          failed_at)
                        values (:o, 'pattern-analyze', null, 1, :e, :t)""")
                        .bind("o", owner).bind("e", e.getClass().getSimpleName()).bind("t", now).execute());
            }
        }
        return done;
    }

    /** Analyses one owner now and stores what it found. */
    List<Found> analyze(UUID owner, Instant now) {
        Instant from = now.minus(PERIOD);
        return jdbi.inTransaction(h -> {
            List<UUID> ids = h.createQuery("""
                    select id from conversations where owner_id = :o and last_message_at >= :from
                      and last_message_at <= :to
                    order by last_message_at desc, id limit :n""")
                    .bind("o", owner).bind("from", from).bind("to", now).bind("n", MAX_CONVERSATIONS)
                    .mapTo(UUID.class).list();
            List<Found> found = find(ids, userMessages(h, ids), failureKinds(h, ids), embeddings(h, ids));
            store(h, owner, found, from, now);
            return found;
        });
    }

    /** The analysis itself, over conversation ids newest first. */
    static List<Found> find(List<UUID> ids, Map<UUID, List<String>> userMessages,
            Map<UUID, Set<String>> failureKinds, Map<UUID, float[]> embeddings) {
        Map<UUID, List<String>> ordered = new LinkedHashMap<>();
        ids.forEach(id -> ordered.put(id, userMessages.getOrDefault(id, List.of())));
        List<Topics.Topic> topics = Topics.top(ordered, MAX_TOPICS);
        List<Found> out = new ArrayList<>();
        for (Topics.Topic t : topics) {
            out.add(new Found("topic", t.term(), List.of(t.term()), List.of(),
                    t.conversations().size(), cap(t.conversations())));
        }
        // Each conversation's topic: its group of similar conversations where it has one, else its first topic.
        Map<UUID, String> topicOf = new HashMap<>();
        for (Topics.Topic t : topics) {
            t.conversations().forEach(c -> topicOf.putIfAbsent(c, t.term()));
        }
        for (List<UUID> group : similarGroups(ids, embeddings)) {
            Map<UUID, List<String>> members = new LinkedHashMap<>();
            group.forEach(c -> members.put(c, ordered.getOrDefault(c, List.of())));
            List<Topics.Topic> own = Topics.top(members, 3);
            String label = own.isEmpty() ? "similar conversations" : own.getFirst().term();
            out.add(new Found("similar", label, own.stream().map(Topics.Topic::term).toList(), List.of(),
                    group.size(), cap(group)));
            group.forEach(c -> topicOf.put(c, label));
        }
        Map<String, List<UUID>> clusters = new LinkedHashMap<>();
        for (UUID c : ids) {
            for (String kind : failureKinds.getOrDefault(c, Set.of())) {
                clusters.computeIfAbsent(kind + "\u0000" + topicOf.getOrDefault(c, ""), k -> new ArrayList<>())
                        .add(c);
            }
        }
        clusters.entrySet().stream().filter(e -> e.getValue().size() >= Topics.MIN_CONVERSATIONS)
                .sorted(Comparator.<Map.Entry<String, List<UUID>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_CLUSTERS)
                .forEach(e -> {
                    String[] parts = e.getKey().split("\u0000", -1);
                    String topic = parts[1];
                    out.add(new Found("failure_cluster", topic.isEmpty() ? parts[0] : parts[0] + " · " + topic,
                            topic.isEmpty() ? List.of() : List.of(topic), List.of(parts[0]), e.getValue().size(),
                            cap(e.getValue())));
                });
        return out;
    }

    /**
     * Groups of at least two conversations whose embeddings are within {@link #SIMILAR} of the group's first (a
     * leader clustering, newest conversations lead): cheap, stable, good enough to say "these look alike".
     */
    static List<List<UUID>> similarGroups(List<UUID> ids, Map<UUID, float[]> embeddings) {
        List<UUID> leaders = new ArrayList<>();
        Map<UUID, List<UUID>> groups = new LinkedHashMap<>();
        for (UUID c : ids) {
            float[] v = embeddings.get(c);
            if (v == null) {
                continue;
            }
            UUID best = null;
            double bestSim = SIMILAR;
            for (UUID leader : leaders) {
                double sim = cosine(v, embeddings.get(leader));
                if (sim >= bestSim) {
                    best = leader;
                    bestSim = sim;
                }
            }
            if (best == null) {
                leaders.add(c);
                groups.put(c, new ArrayList<>(List.of(c)));
            } else {
                groups.get(best).add(c);
            }
        }
        return groups.values().stream().filter(g -> g.size() >= Topics.MIN_CONVERSATIONS)
                .sorted(Comparator.comparingInt(g -> -g.size())).limit(MAX_CLUSTERS).toList();
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            return 0; // another model's embedding: not comparable
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static List<UUID> cap(List<UUID> members) {
        return members.size() > MAX_MEMBERS ? List.copyOf(members.subList(0, MAX_MEMBERS)) : List.copyOf(members);
    }

    private static Map<UUID, List<String>> userMessages(Handle h, List<UUID> ids) {
        Map<UUID, List<String>> out = new HashMap<>();
        h.createQuery("""
                select conversation_id, left(content, 1000) as content from (
                  select conversation_id, content,
                    row_number() over (partition by conversation_id order by ts, id) as n
                  from conversation_messages where conversation_id = any(cast(:ids as uuid[])) and role = 'user') m
                where n <= :per""")
                .bind("ids", ids.toArray(UUID[]::new)).bind("per", MESSAGES_PER_CONVERSATION)
                .map((rs, ctx) -> Map.entry(rs.getObject("conversation_id", UUID.class), rs.getString("content")))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    private static Map<UUID, Set<String>> failureKinds(Handle h, List<UUID> ids) {
        Map<UUID, Set<String>> out = new HashMap<>();
        h.createQuery("""
                select distinct conversation_id, kind from failures where conversation_id = any(cast(:ids as uuid[]))
                order by kind""")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((rs, ctx) -> Map.entry(rs.getObject("conversation_id", UUID.class), rs.getString("kind")))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue()));
        return out;
    }

    private static Map<UUID, float[]> embeddings(Handle h, List<UUID> ids) {
        Map<UUID, float[]> out = new HashMap<>();
        h.createQuery("select conversation_id, embedding from conversation_embeddings "
                        + "where conversation_id = any(cast(:ids as uuid[]))")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((rs, ctx) -> {
                    Object[] values = (Object[]) rs.getArray("embedding").getArray();
                    float[] v = new float[values.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = values[i] == null ? 0f : ((Number) values[i]).floatValue();
                    }
                    return Map.entry(rs.getObject("conversation_id", UUID.class), v);
                })
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static void store(Handle h, UUID owner, List<Found> found, Instant from, Instant now) {
        h.createUpdate("delete from usage_patterns where owner_id = :o").bind("o", owner).execute();
        Map<String, Integer> rank = new HashMap<>();
        for (Found f : found) {
            int r = rank.merge(f.kind(), 1, Integer::sum);
            UUID id = h.createQuery("""
                    insert into usage_patterns (owner_id, kind, label, terms, failure_kinds, conversation_count, rank,
                      period_from, period_to, analyzed_at)
                    values (:o, :k, :l, cast(:terms as jsonb), cast(:kinds as jsonb), :n, :r, :from, :to, :to)
                    returning id""")
                    .bind("o", owner).bind("k", f.kind()).bind("l", f.label()).bind("terms", json(f.terms()))
                    .bind("kinds", json(f.failureKinds())).bind("n", f.count()).bind("r", r)
                    .bind("from", from).bind("to", now).mapTo(UUID.class).one();
            var batch = h.prepareBatch("insert into pattern_conversations (pattern_id, conversation_id) values (:p, :c)");
            f.members().forEach(c -> batch.bind("p", id).bind("c", c).add());
            batch.execute();
        }
    }

    private static String json(List<String> values) {
        return donna.backend.http.Json.newMapper().valueToTree(values).toString();
    }
}
