package donna.core.voice.live;

import java.time.Duration;

/**
 * The HTTP step of a WebRTC connect, when it is not OpenAI's {@code /v1/realtime/calls}: the offer goes somewhere
 * (for Live, the companion service) and the answer comes back.
 */
@FunctionalInterface
public interface SdpExchange {
    /**
     * @return the SDP answer
     * @throws donna.core.voice.RealtimeTransportException with a readable reason (or {@link LiveUnavailableException})
     */
    String answer(String offerSdp, Duration timeout);
}
