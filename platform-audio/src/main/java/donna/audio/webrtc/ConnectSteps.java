package donna.audio.webrtc;

/**
 * Where a WebRTC connect's time went, in milliseconds from the offer being created (the span the connect time
 * measures): applying it locally, the SDP's round trip to the service, applying the answer, and waiting for the
 * event channel to open (ICE, DTLS and SCTP). Each figure is that step alone.
 */
public record ConnectSteps(double setLocal, double post, double setRemote, double channelOpen) {
    public double total() {
        return setLocal + post + setRemote + channelOpen;
    }

    /** For the connect log line: "set-local 2.1, post 11.0, set-remote 1.2, channel-open 40.3 ms". */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "set-local %.1f, post %.1f, set-remote %.1f, channel-open %.1f ms",
                setLocal, post, setRemote, channelOpen);
    }
}
