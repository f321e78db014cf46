package donna.core.voice;

/** Mints client secrets (the companion service's {@code POST /api/realtime/token}); blocking. */
@FunctionalInterface
public interface TokenSource {
    RealtimeToken mint();
}
