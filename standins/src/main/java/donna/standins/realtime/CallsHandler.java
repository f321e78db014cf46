package donna.standins.realtime;

/**
 * Answers {@code POST /v1/realtime/calls} (WebRTC): the SDP offer of an authorised client, and a fresh
 * {@link AudioPath#MEDIA} conversation for this call. The handler sets up a peer, {@link
 * FakeRealtimeConversation#open opens} the conversation when the {@code oai-events} data channel opens, registers
 * how to drop the call with {@link FakeRealtimeConversation#onDrop}, feeds it the caller's audio and pulls its
 * audio at playback pace. Attach with {@link FakeRealtime#callsHandler}; without one the fake answers 501.
 */
@FunctionalInterface
public interface CallsHandler {
    /** The answer SDP; throwing answers 500. */
    String answer(String offerSdp, FakeRealtimeConversation conversation) throws Exception;
}
