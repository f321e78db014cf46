package donna.app.voice;

import donna.core.voice.VoiceTranscript;

/**
 * One line of the Voice pane's live transcript.
 *
 * @param fromUser    the user's words (else DONNA's)
 * @param itemId      the conversation item; DONNA's line grows in place while she speaks
 * @param text        what was said so far
 * @param interrupted DONNA was talked over: the line ends where she stopped
 */
public record TranscriptLine(boolean fromUser, String itemId, String text, boolean interrupted) {
    static TranscriptLine of(VoiceTranscript t) {
        return new TranscriptLine(t.speaker() == VoiceTranscript.Speaker.USER, t.itemId(), t.text(), t.interrupted());
    }
}
