package donna.core.voice;

/** DONNA's response in progress: what the session needs for transcripts, turn ends and barge-in. */
final class Reply {
    String responseId;
    String itemId;
    final StringBuilder text = new StringBuilder();
    String finalText;
    boolean audioStarted;
    /** {@link RealtimeTransport#playedAudioMillis()} when this response's audio began. */
    long playedBaseline;
    /** response.done arrived: the server stopped generating (audio may still be playing). */
    boolean generated;
    /** It speaks the result of a turn a tool kept in the chat itself ({@link KeptTurns}): it is not saved again. */
    boolean keptAnswer;

    boolean active() {
        return responseId != null;
    }

    /** A server event about {@code id} belongs to this response (events without an id are taken as current). */
    boolean matches(String id) {
        return active() && (id == null || id.equals(responseId));
    }

    void start(String id, long playedNow) {
        reset();
        responseId = id;
        playedBaseline = playedNow;
    }

    String spoken() {
        return finalText != null ? finalText : text.toString();
    }

    void reset() {
        responseId = null;
        itemId = null;
        text.setLength(0);
        finalText = null;
        audioStarted = false;
        playedBaseline = 0;
        generated = false;
        keptAnswer = false;
    }
}
