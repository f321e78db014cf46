package donna.core.voice;

/**
 * The follow-up window after DONNA asked a question (docs/voice.md, "The follow-up window"): while open, the
 * microphone is live with the server's voice detection for {@code secondsLeft} more seconds, so the person can answer
 * without the key.
 *
 * @param open        the window is open and counting down
 * @param secondsLeft whole seconds left (rounded up); 0 when closed
 */
public record FollowUpWindow(boolean open, int secondsLeft) {
    public static final FollowUpWindow CLOSED = new FollowUpWindow(false, 0);

    public FollowUpWindow {
        if (secondsLeft < 0 || (!open && secondsLeft != 0)) {
            throw new IllegalArgumentException("secondsLeft " + secondsLeft + " for open=" + open);
        }
    }

    /**
     * True when DONNA's words end with a question: the last character that is not a closing quote or bracket is a
     * question mark (ASCII or full-width).
     */
    public static boolean asksQuestion(String said) {
        if (said == null) {
            return false;
        }
        String s = said.strip();
        int end = s.length();
        while (end > 0 && "\"'”’)»]".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return end > 0 && (s.charAt(end - 1) == '?' || s.charAt(end - 1) == '？');
    }
}
