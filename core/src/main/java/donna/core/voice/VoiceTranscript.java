package donna.core.voice;

/**
 * Live text of a turn: the user's (final only, from input transcription) or DONNA's (growing as she speaks, then
 * final). The pane replaces an entry with the same {@code itemId} as it grows.
 *
 * @param speaker     who said it
 * @param itemId      the conversation item (stable while the text grows)
 * @param text        everything said so far
 * @param done        true once the text is final
 * @param interrupted true when the user talked over DONNA and the text is what was said until then
 */
public record VoiceTranscript(Speaker speaker, String itemId, String text, boolean done, boolean interrupted) {
    public enum Speaker {
        USER("user"), DONNA("assistant");

        private final String role;

        Speaker(String role) {
            this.role = role;
        }

        /** The chat history's role. */
        public String role() {
            return role;
        }
    }
}
