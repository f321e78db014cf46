package donna.core.chat;

import java.util.List;
import java.util.OptionalInt;

/** One page of sessions; {@code nextOffset} is empty on the last page. */
public record SessionPage(List<SessionSummary> sessions, OptionalInt nextOffset) {
    public SessionPage {
        sessions = List.copyOf(sessions);
    }
}
