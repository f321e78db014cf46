package donna.backend.chat;

/** What a turn reports while it runs: text as it arrives, and each tool step as it starts and ends. */
public interface TurnEvents {

    void delta(String text);

    /** @param status {@code running}, {@code done} or {@code failed} */
    default void tool(String callId, String name, String status, String summary) {
    }

    TurnEvents NONE = text -> { };
}
