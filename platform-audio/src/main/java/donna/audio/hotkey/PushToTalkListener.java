package donna.audio.hotkey;

/** The push-to-talk key went down or came up. Called on the hotkey's own thread: hand work on, do not block. */
public interface PushToTalkListener {
    void pressed();

    void released();
}
