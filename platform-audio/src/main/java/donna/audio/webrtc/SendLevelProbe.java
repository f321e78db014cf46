package donna.audio.webrtc;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.function.DoubleConsumer;

/**
 * The level of a sound-card microphone: WebRTC captures it natively, so Java never sees the samples; the send
 * stream's statistics carry the input level ({@code media-source} {@code audioLevel}, 0..1 linear). Polled by the
 * transport a few times a second.
 */
final class SendLevelProbe {
    private final RTCPeerConnection connection;
    private final RTCRtpSender sender;
    private final DoubleConsumer level;

    SendLevelProbe(RTCPeerConnection connection, RTCRtpSender sender, DoubleConsumer level) {
        this.connection = connection;
        this.sender = sender;
        this.level = level;
    }

    void poll() {
        connection.getStats(sender, report -> report.getStats().values().stream()
                .filter(s -> s.getType() == RTCStatsType.MEDIA_SOURCE).findFirst().map(SendLevelProbe::audioLevel)
                .ifPresent(level::accept));
    }

    private static double audioLevel(RTCStats stats) {
        return stats.getAttributes().get("audioLevel") instanceof Number n ? n.doubleValue() : 0;
    }
}
