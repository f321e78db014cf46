package donna.testkit.realtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** What the fake's conversations will hear and say next, set by tests; thread-safe. */
final class RealtimeScript {
    /** One scripted answer: the words and, when set, how long saying them takes (else ~55 ms a character). */
    record Answer(String text, Duration audio) {}

    private final Deque<String> heard = new ArrayDeque<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    synchronized void hear(String transcript) {
        heard.addLast(transcript);
    }

    synchronized void answer(Answer answer) {
        answers.addLast(answer);
    }

    /** The next scripted transcript of the user's audio, or null for the default. */
    synchronized String nextHeard() {
        return heard.pollFirst();
    }

    /** The next scripted answer, or null for the default. */
    synchronized Answer nextAnswer() {
        return answers.pollFirst();
    }

    synchronized void reset() {
        heard.clear();
        answers.clear();
    }
}
