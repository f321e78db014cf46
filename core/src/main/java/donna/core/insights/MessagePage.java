package donna.core.insights;

import java.util.List;

/** Messages oldest first; {@code nextAfter} the id to ask after for more, null when that was all. */
public record MessagePage(List<Message> messages, Long nextAfter) {

    public MessagePage {
        messages = List.copyOf(messages);
    }
}
