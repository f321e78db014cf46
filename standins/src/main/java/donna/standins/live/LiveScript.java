package donna.standins.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** What the fake's Live conversations will hear and do next, set by tests; thread-safe. */
final class LiveScript {
    sealed interface Next permits Answer, Delegate {}

    /** Speak {@code text} (about 55 ms of tone a character, or {@code audio} when set). */
    record Answer(String text, Duration audio) implements Next {}

    /**
     * Hand the turn to the application (client delegation); when its result arrives, speak the next scripted
     * {@link Answer} if one is queued, else the result itself.
     */
    record Delegate() implements Next {}

    private final Deque<String> heard = new ArrayDeque<>();
    private final Deque<Next> next = new ArrayDeque<>();

    synchronized void hear(String transcript) {
        heard.addLast(transcript);
    }

    synchronized void add(Next n) {
        next.addLast(n);
    }

    synchronized String nextHeard() {
        return heard.pollFirst();
    }

    synchronized Next nextTurn() {
        return next.pollFirst();
    }

    /** Takes the next step only if it is an answer (the words after a delegation's result). */
    synchronized Answer nextAnswer() {
        return next.peekFirst() instanceof Answer a ? (Answer) next.pollFirst() : null;
    }

    synchronized void reset() {
        heard.clear();
        next.clear();
    }
}
