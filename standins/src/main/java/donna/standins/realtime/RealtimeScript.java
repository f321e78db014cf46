package donna.standins.realtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** What the fake's conversations will hear and say next, set by tests; thread-safe. */
final class RealtimeScript {
    /** What the next response does. */
    sealed interface Next permits Answer, Calls {}

    /** One scripted answer: the words and, when set, how long saying them takes (else ~55 ms a character). */
    record Answer(String text, Duration audio) implements Next {}

    /** A response that speaks nothing and calls these functions (one or more, in order). */
    record Calls(List<ScriptedCall> calls) implements Next {
        Calls {
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("a function call response needs at least one call");
            }
            calls = List.copyOf(calls);
        }
    }

    private final Deque<String> heard = new ArrayDeque<>();
    private final Deque<Next> answers = new ArrayDeque<>();
    private boolean demoActs;

    synchronized void hear(String transcript) {
        heard.addLast(transcript);
    }

    synchronized void answer(Next next) {
        answers.addLast(next);
    }

    /** The next scripted transcript of the user's audio, or null for the default. */
    synchronized String nextHeard() {
        return heard.pollFirst();
    }

    /** The next scripted response, or null for the default answer. */
    synchronized Next nextAnswer() {
        return answers.pollFirst();
    }

    /** Demo mode: an unscripted spoken turn calls {@link DemoVoice#TOOL} and reads its result out. */
    synchronized void demoActs(boolean on) {
        demoActs = on;
    }

    synchronized boolean demoActs() {
        return demoActs;
    }

    synchronized void reset() {
        heard.clear();
        answers.clear();
        demoActs = false;
    }
}
