package donna.backend.insights;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words and phrases the heuristics look for. Deliberately small and English-only: a cheap first pass that is
 * always on; an LLM judge (a later setting) can see what this misses.
 */
final class Lexicon {
    private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final Set<String> NEGATIVE = Set.of("useless", "stupid", "terrible", "awful", "horrible",
            "frustrating", "frustrated", "annoying", "annoyed", "wrong", "broken", "worst", "hate", "pointless",
            "ridiculous", "unhelpful", "bad", "disappointed", "angry", "waste", "fail", "failed", "nonsense");
    private static final Set<String> POSITIVE = Set.of("thanks", "thank", "great", "perfect", "awesome", "helpful",
            "excellent", "good", "nice", "love", "amazing", "brilliant", "appreciate", "wonderful", "cool");
    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "don't", "isn't", "wasn't", "didn't");
    private static final Set<String> ABUSIVE = Set.of("idiot", "moron", "dumbass", "fuck", "fucking", "shit",
            "bitch", "bastard", "asshole", "retard", "cunt", "stfu", "imbecile");
    private static final List<String> ABUSIVE_PHRASES = List.of("shut up", "go to hell", "kill yourself");
    private static final List<String> FRUSTRATION_PHRASES = List.of("that's not what i asked", "that is not what i asked",
            "not what i asked", "you're not listening", "you are not listening", "i already told you",
            "i already said", "as i said", "that's wrong", "that is wrong", "try again", "you don't understand",
            "not helpful", "this doesn't help", "that doesn't help", "are you even");
    private static final List<String> REFUSALS = List.of("i can't help with that", "i cannot help with that",
            "i can't assist", "i cannot assist", "i'm unable to", "i am unable to", "i'm not able to",
            "i am not able to", "i won't be able to", "i can't do that", "i cannot do that", "as an ai",
            "i'm sorry, but i can't", "i'm sorry, but i cannot", "i must decline");
    private static final List<String> ERRORS = List.of("an error occurred", "something went wrong", "internal error",
            "i encountered an error", "i ran into an error", "error:", "exception", "failed to", "timed out",
            "i ran out of time", "service unavailable", "please try again later", "i have no answer to that");
    private static final Set<String> QUESTION_STARTS = Set.of("what", "why", "how", "when", "where", "who", "which",
            "can", "could", "would", "will", "is", "are", "do", "does", "did", "should", "shall", "may");

    private Lexicon() {}

    static List<String> words(String text) {
        return List.of(WORD.split(text.toLowerCase(Locale.ROOT).strip())).stream().filter(w -> !w.isEmpty())
                .toList();
    }

    /** -1 (all negative) to 1 (all positive), 0 when no word carries sentiment; "not good" counts as negative. */
    static double sentiment(String text) {
        List<String> words = words(text);
        int score = 0;
        int counted = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            int polarity = POSITIVE.contains(w) ? 1 : NEGATIVE.contains(w) ? -1 : 0;
            if (polarity == 0) {
                continue;
            }
            boolean negated = i > 0 && NEGATORS.contains(words.get(i - 1));
            score += negated ? -polarity : polarity;
            counted++;
        }
        return counted == 0 ? 0 : Math.max(-1, Math.min(1, (double) score / counted));
    }

    static boolean isAbusive(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return words(text).stream().anyMatch(ABUSIVE::contains) || ABUSIVE_PHRASES.stream().anyMatch(lower::contains);
    }

    static String frustrationPhrase(String text) {
        String lower = normalise(text);
        return FRUSTRATION_PHRASES.stream().filter(lower::contains).findFirst().orElse(null);
    }

    static boolean isRefusal(String text) {
        String lower = normalise(text);
        return REFUSALS.stream().anyMatch(lower::contains);
    }

    static boolean isError(String text) {
        String lower = normalise(text);
        return ERRORS.stream().anyMatch(lower::contains);
    }

    static boolean isQuestion(String text) {
        String stripped = text.strip();
        if (stripped.endsWith("?")) {
            return true;
        }
        List<String> words = words(stripped);
        return !words.isEmpty() && QUESTION_STARTS.contains(words.getFirst()) && words.size() >= 3
                && !stripped.endsWith(".") && !stripped.endsWith("!");
    }

    /** Jaccard similarity of the two texts' word sets: 1 for the same words, 0 for none shared. */
    static double similarity(String a, String b) {
        Set<String> x = new HashSet<>(words(a));
        Set<String> y = new HashSet<>(words(b));
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        Set<String> either = new HashSet<>(x);
        either.addAll(y);
        return (double) both.size() / either.size();
    }

    /** Lower case, curly apostrophes straightened, so "That’s not what I asked" matches. */
    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
    }
}
