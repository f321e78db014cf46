package donna.standins.realtime;

/**
 * Answers the fake's {@code POST /v1/realtime/calls} with a real WebRTC peer (webrtc-java, headless, on this
 * machine): each call gets a {@link PeerCall} that carries the conversation's events on the {@code oai-events} data
 * channel, feeds it the caller's decoded microphone audio and plays its voice into the outgoing track while it
 * speaks. Attach it with {@code openai.realtime().callsHandler(new WebRtcPeer())}.
 */
public final class WebRtcPeer implements CallsHandler {

    /** Starts the fake's WebRTC stack in the background, so the first call does not wait for it (seconds). */
    public WebRtcPeer() {
        Thread.ofPlatform().daemon().name("fake-rtc-warm-up").start(PeerFactory::get);
    }

    @Override
    public String answer(String offerSdp, FakeRealtimeConversation conversation) throws Exception {
        return PeerCall.answer(PeerFactory.get(), offerSdp, conversation);
    }

    /**
     * Answers {@code offerSdp} for any fake conversation (GPT-Live's fake uses this): the same peer, data channel
     * {@code oai-events}, audio both ways.
     */
    public String answerFor(String offerSdp, PeerConversation conversation) throws Exception {
        return PeerCall.answer(PeerFactory.get(), offerSdp, conversation);
    }
}
