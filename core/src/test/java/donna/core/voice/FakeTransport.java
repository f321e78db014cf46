package donna.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** An in-memory transport: records what the session sends, lets a test play the server and the audio devices. */
class FakeTransport implements RealtimeTransport {
    private static final ObjectMapper JSON = new ObjectMapper();

    final boolean serverOutputBuffer;
    final List<JsonNode> sent = new ArrayList<>();
    RealtimeConnectRequest request;
    TransportListener listener;
    RuntimeException failConnect;
    /** A Live peer's SDP exchange through the service, run at connect (before a failure, as WebRTC's is). */
    donna.core.voice.live.SdpExchange exchange;
    boolean micLive;
    boolean closed;
    /** A service path's transport: opens without the secret, and the service keeps the turns. */
    boolean servicePath;
    int playbackStops;
    long played;
    double level;
    /** False for a path without switchable server voice detection (batch, GPT-Live). */
    boolean serverTurnDetection = true;

    FakeTransport(boolean serverOutputBuffer) {
        this.serverOutputBuffer = serverOutputBuffer;
    }

    @Override
    public void connect(RealtimeConnectRequest connectRequest, TransportListener transportListener) {
        this.request = connectRequest;
        if (exchange != null) {
            exchange.answer("v=0 offer", connectRequest.timeout());
        }
        if (failConnect != null) {
            throw failConnect;
        }
        this.listener = transportListener;
    }

    @Override
    public void send(String eventJson) {
        try {
            sent.add(JSON.readTree(eventJson));
        } catch (Exception e) {
            throw new AssertionError("the session sent something that is not JSON: " + eventJson, e);
        }
    }

    @Override
    public void setMicrophoneLive(boolean live) {
        micLive = live;
    }

    @Override
    public long playedAudioMillis() {
        return played;
    }

    @Override
    public String transportName() {
        return servicePath ? "relay" : "webrtc";
    }

    @Override
    public double inputLevel() {
        return level;
    }

    @Override
    public boolean hasServerOutputBuffer() {
        return serverOutputBuffer;
    }

    @Override
    public boolean usesClientSecret() {
        return !servicePath;
    }

    @Override
    public boolean savesTranscripts() {
        return servicePath;
    }

    @Override
    public void stopPlayback() {
        playbackStops++;
    }

    @Override
    public boolean supportsServerTurnDetection() {
        return serverTurnDetection;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The server sends this event. */
    void emit(String json) {
        listener.onEvent(json);
    }

    List<String> sentTypes() {
        return sent.stream().map(e -> e.path("type").asText()).toList();
    }

    JsonNode lastSent(String type) {
        return sent.reversed().stream().filter(e -> e.path("type").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing of type " + type + " sent; sent " + sentTypes()));
    }
}
