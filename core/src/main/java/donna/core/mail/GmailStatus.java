package donna.core.mail;

import java.util.Locale;
import java.util.Objects;

/**
 * Whether the user's Gmail is linked ({@code GET /api/gmail/status}).
 *
 * @param state what the link is like now
 * @param email the linked Gmail address, when known (null otherwise)
 */
public record GmailStatus(State state, String email) {
    public GmailStatus {
        Objects.requireNonNull(state, "state");
    }

    /** The link's states; the wire form is the lower-case name. */
    public enum State {
        CONNECTED, NOT_CONNECTED, NEEDS_RECONNECT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Unknown values read as NOT_CONNECTED: the app then offers to connect, which is always safe. */
        public static State fromWire(String value) {
            for (State s : values()) {
                if (s.wireName().equals(value)) {
                    return s;
                }
            }
            return NOT_CONNECTED;
        }
    }

    public boolean connected() {
        return state == State.CONNECTED;
    }
}
