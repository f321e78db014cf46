package donna.standins.realtime;

import java.util.function.Consumer;

/**
 * What a fake WebRTC call ({@link WebRtcPeer}) needs of the conversation behind it, whichever API it fakes: the
 * Realtime API's {@link FakeRealtimeConversation} or GPT-Live's ({@code donna.standins.live}). Events are JSON text
 * on the data channel; audio is PCM16 little-endian mono at 24 kHz both ways.
 */
public interface PeerConversation {
    /** The data channel opened: server events go to {@code events} from now on. */
    void open(Consumer<String> events);

    /** How the peer drops its connection, for fault injection. */
    void onDrop(Runnable hook);

    /** The connection ended (either side). */
    void closed();

    /** One client event, as JSON text. */
    void receive(String eventText);

    /** The caller's decoded microphone audio. */
    void microphone(byte[] pcm);

    /** The next {@code bytes} of the assistant's voice (silence when it says nothing). */
    byte[] speak(int bytes);

    /** True while there is voice to pull. */
    boolean speaking();
}
