package donna.standins.live;

import donna.standins.realtime.PeerConversation;

/**
 * Answers a Live session's SDP offer for its conversation. The real one is the fake's WebRTC peer
 * ({@code new WebRtcPeer()::answerFor}); a test of the HTTP edge alone may answer a canned description.
 */
@FunctionalInterface
public interface LivePeer {
    /** The answer SDP; throwing answers 500. */
    String answer(String offerSdp, PeerConversation conversation) throws Exception;
}
