package donna.core.voice.websocket;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Which response's audio is playing, from byte counts: audio queued per response (in order) against audio the
 * device reports played. Tells the transport when a response starts and stops playing, so it can report the same
 * {@code output_audio_buffer.*} events WebRTC's server sends. Not thread-safe: the transport locks around it. Also used by the batch path (its audio arrives as events too).
 */
public final class PlaybackTracker {
    /** One response's audio in the playback stream: bytes [start, end), end open until its audio is done. */
    private static final class Span {
        final String responseId;
        final long start;
        long end = -1;
        boolean started;

        Span(String responseId, long start) {
            this.responseId = responseId;
            this.start = start;
        }
    }

    /** What a change in playback means for the listener. */
    public record Change(String startedResponse, String stoppedResponse) {
        public static final Change NONE = new Change(null, null);
    }

    private final Deque<Span> spans = new ArrayDeque<>();
    private final Set<String> muted = new HashSet<>();
    private long queued;
    private long played;

    /** Audio of {@code responseId} arrived; false when it must not be played (the user talked over it). */
    public boolean queue(String responseId, int bytes) {
        if (muted.contains(responseId)) {
            return false;
        }
        Span last = spans.peekLast();
        if (last == null || !last.responseId.equals(responseId)) {
            spans.addLast(new Span(responseId, queued));
        }
        queued += bytes;
        return true;
    }

    /** The server sent all of {@code responseId}'s audio; a response that had none counts as played. */
    public Change done(String responseId) {
        for (Span s : spans) {
            if (s.responseId.equals(responseId) && s.end < 0) {
                s.end = queued;
            }
        }
        return advance();
    }

    /** The device played {@code bytes} more. */
    public Change played(int bytes) {
        played += bytes;
        return advance();
    }

    /** Barge-in: everything queued is dropped, and late audio of the known responses is ignored. */
    public String clear() {
        Span current = spans.peekFirst();
        spans.forEach(s -> muted.add(s.responseId));
        spans.clear();
        queued = played;
        return current != null && current.started ? current.responseId : null;
    }

    /** Also ignore late audio of a response the session cancelled before any of it arrived. */
    public void mute(String responseId) {
        if (responseId != null) {
            muted.add(responseId);
        }
    }

    private Change advance() {
        Span head = spans.peekFirst();
        if (head == null) {
            return Change.NONE;
        }
        String startedNow = null;
        if (!head.started && played > head.start) {
            head.started = true;
            startedNow = head.responseId;
        }
        if (head.end >= 0 && played >= head.end) {
            spans.removeFirst();
            // A response with no audio at all never "started": report neither.
            return head.started ? new Change(startedNow, head.responseId) : Change.NONE;
        }
        return startedNow == null ? Change.NONE : new Change(startedNow, null);
    }
}
