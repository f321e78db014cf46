package donna.core.voice;

import donna.core.chat.NewMessage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The spoken turns a tool keeps in the chat itself ({@link ToolRunner#keepsTurn}: GPT-Live's delegated turns, run as
 * typed turns with {@code POST /api/chat}), so that their voice transcripts are not saved a second time.
 *
 * <p>Why the typed turn owns the storage of a delegated turn, not the voice transcript: it stores the person's words
 * and DONNA's reply together with the turn's tool steps (what the chat shows under the reply), which a transcript
 * cannot carry, and it stores them only when the turn really ran. So for such a turn the session shows and remembers
 * (for a reconnect's context) the person's words and the answer that speaks the result, but saves neither. The
 * words come before the tool has answered: they are held until it does. When it fails nothing was kept, and the held
 * words are saved as any others, followed by DONNA's spoken "That did not work".
 *
 * <p>Called on the session's scheduler thread only.
 */
final class KeptTurns {
    /** Turns whose words never came (nothing heard) are forgotten past this many. */
    private static final int LIMIT = 16;

    private final Map<String, Turn> byItem = new LinkedHashMap<>();
    private final Map<String, Turn> byCall = new LinkedHashMap<>();
    /** A kept turn's result went back to the model and its spoken answer has not started yet. */
    private boolean answerOwed;

    /** The call {@code callId} of a tool that keeps its turn started for the person's item {@code itemId}. */
    void handedOver(String callId, String itemId) {
        if (callId == null || itemId == null) {
            return; // nothing ties the call to words: they are saved as usual
        }
        Turn turn = new Turn(callId);
        byItem.put(itemId, turn);
        byCall.put(callId, turn);
        trim(byItem);
        trim(byCall);
    }

    /**
     * The person's words of {@code itemId}: true when they must not be saved now (the chat kept them, or the tool
     * has not said yet: then they are held). False for words of any other turn, which also means a new turn: an
     * answer still owed to a kept turn is no longer the next thing DONNA says.
     */
    boolean holdsWords(String itemId, NewMessage words) {
        Turn turn = itemId == null ? null : byItem.remove(itemId);
        if (turn == null) {
            answerOwed = false;
            return false;
        }
        if (turn.kept == null) {
            turn.held = words;
            return true;
        }
        byCall.remove(turn.callId);
        return turn.kept;
    }

    /** The call finished: the held words, when the tool kept nothing (they are to be saved now). */
    Optional<NewMessage> finished(String callId, boolean kept) {
        Turn turn = callId == null ? null : byCall.get(callId);
        if (turn == null) {
            return Optional.empty();
        }
        turn.kept = kept;
        if (turn.held == null) {
            return Optional.empty(); // the words come later: holdsWords decides then
        }
        byCall.remove(callId);
        return kept ? Optional.empty() : Optional.of(turn.held);
    }

    /** A kept turn's result went back to the model: the next answer it speaks is already in the chat. */
    void answerRequested() {
        answerOwed = true;
    }

    /** A response started: true when it is the one that speaks a kept turn's result. */
    boolean answerStarts() {
        return answerOwed;
    }

    /** That answer was said (it is not saved): the responses after it are saved as usual. */
    void answerSaid() {
        answerOwed = false;
    }

    private static void trim(Map<String, Turn> map) {
        Iterator<Map.Entry<String, Turn>> oldest = map.entrySet().iterator();
        while (map.size() > LIMIT && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private static final class Turn {
        final String callId;
        /** The person's words, while the tool has not said whether it kept them. */
        NewMessage held;
        /** Null until the call finished; then whether the chat kept the turn. */
        Boolean kept;

        Turn(String callId) {
            this.callId = callId;
        }
    }
}
