package donna.core.voice;

/** Makes a new transport for each connection; the composition root picks WebRTC, WebSocket, or one with fallback. */
@FunctionalInterface
public interface RealtimeTransportFactory {
    RealtimeTransport create();
}
