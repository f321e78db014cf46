package donna.core.voice;

/** Makes a new transport for each connection; the composition root picks WebRTC, WebSocket, or one with fallback. */
@FunctionalInterface
public interface RealtimeTransportFactory {
    RealtimeTransport create();

    /**
     * False when the next transport will not use a minted client secret (the relay or the batch path, forced or
     * fallen back to for the rest of the run): the session then mints none.
     */
    default boolean needsClientSecret() {
        return true;
    }
}
