package donna.standins.realtime;

/**
 * A message in a fake conversation, as the model would remember it.
 *
 * @param id          the item id ({@code item_...})
 * @param role        {@code user}, {@code assistant}, {@code function_call} (text: the name and arguments) or
 *                    {@code function_call_output} (text: the output)
 * @param text        the transcript or text (cut to what was heard after a truncate)
 * @param restored    true when the client created it with {@code conversation.item.create} (context restore)
 * @param audioMillis milliseconds of audio: heard from the user, or spoken by DONNA (0 for text items)
 * @param truncatedAtMs the {@code audio_end_ms} of a truncate, or -1
 */
public record ConversationItem(String id, String role, String text, boolean restored, long audioMillis,
        long truncatedAtMs) {

    ConversationItem truncated(long audioEndMs) {
        int keep = audioMillis == 0 ? text.length() : (int) Math.min(text.length(), text.length() * audioEndMs / audioMillis);
        return new ConversationItem(id, role, text.substring(0, keep), restored, audioMillis, audioEndMs);
    }

    ConversationItem withAudio(String newText, long millis) {
        return new ConversationItem(id, role, newText, restored, millis, truncatedAtMs);
    }
}
