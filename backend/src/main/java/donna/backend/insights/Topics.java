package donna.backend.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Recurring topics: the terms (a word, or two words side by side) that the user messages of many conversations
 * share. A term counts once per conversation (document frequency), so one chatty conversation cannot make a topic.
 * Common English words and the small talk of any assistant chat (please, thanks, help) are not topics. A phrase
 * that accounts for most uses of its word stands in for it ("credit card" rather than "card" and "credit").
 */
final class Topics {
    /** A term must be in at least this many conversations. */
    static final int MIN_CONVERSATIONS = 2;
    private static final double PHRASE_COVERS = 0.8;
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}'-]*");
    private static final Set<String> STOP = Set.copyOf(List.of(("a about above after again against all also am an and any are "
            + "aren't as at be because been before being below between both but by can can't cannot could couldn't "
            + "did didn't do does doesn't doing don't down during each few for from further get got had hadn't has "
            + "hasn't have haven't having he her here hers herself him himself his how i i'd i'll i'm i've if in into "
            + "is isn't it it's its itself just let's me more most mustn't my myself no nor not now of off on once "
            + "only or other ought our ours ourselves out over own same shan't she should shouldn't so some such than "
            + "that that's the their theirs them themselves then there there's these they they'd they'll they're "
            + "they've this those through to too under until up us very was wasn't we we'd we'll we're we've were "
            + "weren't what what's when when's where where's which while who who's whom why why's will with won't "
            + "would wouldn't you you'd you'll you're you've your yours yourself yourselves "
            // small talk of any assistant conversation
            + "please thanks thank hi hello hey ok okay yes yeah sure help need want like know think tell make "
            + "give find show one two also really still just well much many way thing things something anything "
            + "today now again maybe could would should going gonna want wanna able via "
            // what people say about the conversation itself, not what it is about
            + "ask asked asking said say saying told mean meant answer answered question"
            ).split(" ")));

    /** A topic: its term and the conversations that use it, newest first as given. */
    record Topic(String term, List<UUID> conversations) {}

    private Topics() {}

    /** The words of a text, lower case, with stop words and short words removed. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group().replaceAll("^['-]+|['-]+$", "");
            out.add(w.length() < 3 || STOP.contains(w) ? "" : w); // "" keeps adjacency honest for phrases
        }
        return out;
    }

    /** The terms of one conversation's user messages: its words and its two-word phrases. */
    static Set<String> terms(List<String> userMessages) {
        Set<String> terms = new LinkedHashSet<>();
        for (String message : userMessages) {
            List<String> words = words(message);
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if (w.isEmpty()) {
                    continue;
                }
                terms.add(w);
                if (i + 1 < words.size() && !words.get(i + 1).isEmpty() && !words.get(i + 1).equals(w)) {
                    terms.add(w + " " + words.get(i + 1));
                }
            }
        }
        return terms;
    }

    /**
     * The {@code max} most shared terms among the conversations (in the map's order, newest first), each used by at
     * least {@link #MIN_CONVERSATIONS}.
     */
    static List<Topic> top(Map<UUID, List<String>> userMessages, int max) {
        Map<String, List<UUID>> users = new HashMap<>();
        userMessages.forEach((conversation, messages) -> terms(messages)
                .forEach(t -> users.computeIfAbsent(t, k -> new ArrayList<>()).add(conversation)));
        List<Map.Entry<String, List<UUID>>> ranked = users.entrySet().stream()
                .filter(e -> e.getValue().size() >= MIN_CONVERSATIONS)
                .sorted(Comparator.<Map.Entry<String, List<UUID>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(e -> -e.getKey().split(" ").length)
                        .thenComparing(Map.Entry::getKey))
                .toList();
        List<Topic> chosen = new ArrayList<>();
        for (Map.Entry<String, List<UUID>> e : ranked) {
            if (chosen.size() >= max) {
                break;
            }
            String term = e.getKey();
            int count = e.getValue().size();
            boolean covered = chosen.stream().anyMatch(t -> overlaps(t.term(), term)
                    && t.conversations().size() >= PHRASE_COVERS * count);
            boolean phraseCovers = !term.contains(" ") && ranked.stream().anyMatch(p -> p.getKey().contains(" ")
                    && overlaps(p.getKey(), term) && p.getValue().size() >= PHRASE_COVERS * count);
            if (!covered && !phraseCovers) {
                chosen.add(new Topic(term, e.getValue()));
            }
        }
        return chosen;
    }

    /** Whether one term is a word of the other (a phrase and its word). */
    private static boolean overlaps(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        List<String> wa = List.of(a.split(" "));
        List<String> wb = List.of(b.split(" "));
        return (wa.size() > 1 && wa.containsAll(wb)) || (wb.size() > 1 && wb.containsAll(wa));
    }
}
