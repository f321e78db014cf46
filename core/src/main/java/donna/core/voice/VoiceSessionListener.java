package donna.core.voice;

/** What a {@link VoiceSession} reports, on its scheduler's thread (the app hops to the UI thread itself). */
public interface VoiceSessionListener {
    /** The state changed; {@code detail} says why for FAILED and RECONNECTING (null otherwise). */
    void onState(VoiceState state, String detail);

    /** A transcript appeared or grew. */
    void onTranscript(VoiceTranscript transcript);

    /** Something the user should know that does not change the state ("didn't catch that", a save failed). */
    void onNotice(String message);

    /** Transcripts went into this chat session (a new one when none was set). */
    default void onChatSession(String chatId) {
    }

    /** A tool of a spoken turn started, finished or failed (one step per call id, updated in place). */
    default void onToolStep(ToolStep step) {
    }

    /** A tool produced something for the person: a draft, a send waiting for their yes, a saved memory. */
    default void onToolAction(ToolAction action) {
    }

    /**
     * What one tool call produced, together (a delegated GPT-Live turn may make a draft and a send waiting for a yes):
     * a listener that makes cards makes them from the whole list at once. By default each goes to
     * {@link #onToolAction}.
     */
    default void onToolActions(java.util.List<ToolAction> actions) {
        actions.forEach(this::onToolAction);
    }

    /** The follow-up window after a question opened, counted down a second, or closed. */
    default void onFollowUp(FollowUpWindow window) {
    }

    /** Which way the voice travels and why ("Using the relay: WebRTC and a direct connection failed"). */
    default void onPath(String description) {
    }
}
